package com.acme.crm.lead;

import com.acme.crm.lead.support.Api;
import com.acme.crm.lead.support.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.acme.crm.lead.support.Api.ALICE;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PostgreSQL refuses the NUL character (U+0000) in text: the API answers it with a 400 naming
 * the field (service-common's NoNulCharacters), never a 500, and stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class NulCharacterTest {

    private static final String NUL = "\u0000";

    @Test
    void nulInABodyQueryOrPath_isA400NamingTheField() {
        String lead = ALICE.createLead();
        String before = footprint(lead);

        refused(ALICE.call().body(Api.minimalLead(Map.of("lastName", "Ros" + NUL + "si"))).post("/api/leads"), "lastName");
        refused(ALICE.call().body(Api.minimalLead(Map.of("address", Map.of("city", NUL)))).post("/api/leads"), "address.city");
        refused(ALICE.call().body("{\"topic\": \"a\\u0000b\"}").patch("/api/leads/" + lead), "topic");
        refused(ALICE.call().body(Map.of("text", "note" + NUL)).post("/api/leads/" + lead + "/notes"), "text");
        refused(ALICE.call().urlEncodingEnabled(false).get("/api/leads?q=a%00"), "q");
        refused(ALICE.call().urlEncodingEnabled(false).get("/api/leads/%00/history"), "path");

        assertEquals(before, footprint(lead));
    }

    private static void refused(Response answer, String field) {
        answer.then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem(field));
    }

    private static String footprint(String lead) {
        return Db.text("select (select count(*) from lead) || ' leads, ' || (select count(*) from lead_note) || ' notes, version '"
                + " || (select version from lead where id = '" + lead + "')");
    }
}
