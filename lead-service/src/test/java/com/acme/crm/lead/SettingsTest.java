package com.acme.crm.lead;

import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.CAROL;
import static com.acme.crm.lead.support.Api.DAVE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SettingsTest {

    private static final String SETTINGS = "/api/settings/lead-qualification";

    @Test
    void everyoneReadsOnlyAnAdminChanges() {
        try {
            ALICE.call().get(SETTINGS).then().statusCode(200).body("createRecordsByDefault", equalTo(true));
            DAVE.call().body(Map.of("createRecordsByDefault", false)).put(SETTINGS)
                    .then().statusCode(200).body("createRecordsByDefault", equalTo(false));
            CAROL.call().get(SETTINGS).then().statusCode(200).body("createRecordsByDefault", equalTo(false));

            ALICE.call().body(Map.of("createRecordsByDefault", true)).put(SETTINGS)
                    .then().statusCode(403).contentType("application/problem+json");
            CAROL.call().body(Map.of("createRecordsByDefault", true)).put(SETTINGS).then().statusCode(403);
            given().get(SETTINGS).then().statusCode(401);
        } finally {
            DAVE.call().body(Map.of("createRecordsByDefault", true)).put(SETTINGS).then().statusCode(200);
        }
    }

    @Test
    void badSettingsAre400s() {
        DAVE.call().body("{}").put(SETTINGS).then().statusCode(400)
                .body("violations[0].field", equalTo("createRecordsByDefault"));
        DAVE.call().body(Map.of("createRecordsByDefault", "yes")).put(SETTINGS).then().statusCode(400);
        DAVE.call().body(Map.of("createRecordsByDefault", true, "other", 1)).put(SETTINGS).then().statusCode(400);
        DAVE.call().body("{").put(SETTINGS).then().statusCode(400).contentType("application/problem+json");
        DAVE.call().get(SETTINGS).then().body("createRecordsByDefault", equalTo(true));
    }
}
