package com.acme.crm.lead;

import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadFoundationTest {

    @Test
    void createdLeadIsStoredAndPublishedAsCloudEvent() {
        String id = given().header("Authorization", TestTokens.bearer("alice", "salesperson"))
                .contentType(ContentType.JSON)
                .body(Map.of("topic", "Espresso machines", "lastName", "Rossi", "companyName", "Caffe Rossi S.p.A."))
                .when().post("/api/leads")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .header("X-Request-Id", notNullValue())
                .body("state", equalTo("OPEN"))
                .body("ownerId", equalTo("alice"))
                .extract().path("id");

        given().header("Authorization", TestTokens.bearer("alice", "salesperson"))
                .when().get("/api/leads/" + id)
                .then().statusCode(200).body("topic", equalTo("Espresso machines"));

        ConsumerRecord<String, String> event = KafkaProbe.await("crm.lead.events", id, 1, record -> true).get(0);
        assertEquals("crm.lead.created.v1", KafkaProbe.header(event, "ce_type"));
        assertNotNull(KafkaProbe.header(event, "ce_id"));
        assertEquals("1.0", KafkaProbe.header(event, "ce_specversion"));
    }

    @Test
    void rejectsCallsWithoutValidToken() {
        given().when().get("/api/leads/" + UUID.randomUUID()).then().statusCode(401)
                .header("X-Request-Id", notNullValue());
        given().header("Authorization", "Bearer " + TestTokens.forgedToken("mallory", "admin"))
                .when().get("/api/leads/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void systemFieldsAreRejected() {
        given().header("Authorization", TestTokens.bearer("alice", "salesperson"))
                .contentType(ContentType.JSON)
                .body(Map.of("topic", "t", "lastName", "x", "state", "QUALIFIED"))
                .when().post("/api/leads")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("state"));
    }
}
