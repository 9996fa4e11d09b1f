package com.acme.crm.lead;

import com.acme.crm.testinfra.OpenApiDocument;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** /openapi/lead-service documents every lead-service endpoint of SPEC §4, the bearer JWT and the problem answers. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpenApiDocumentTest {

    @Test
    void documentsTheApi() {
        OpenApiDocument doc = new OpenApiDocument(given().get("/openapi/lead-service?format=json")
                .then().statusCode(200).extract().asString());

        assertEquals(List.of(), doc.problems(Map.ofEntries(
                Map.entry("/api/leads", Set.of("GET", "POST")),
                Map.entry("/api/leads/{id}", Set.of("GET", "PATCH", "DELETE")),
                Map.entry("/api/leads/{id}/notes", Set.of("GET", "POST")),
                Map.entry("/api/leads/{id}/history", Set.of("GET")),
                Map.entry("/api/leads/{id}/qualify", Set.of("POST")),
                Map.entry("/api/leads/{id}/qualification", Set.of("GET")),
                Map.entry("/api/leads/qualify-jobs", Set.of("POST")),
                Map.entry("/api/leads/qualify-jobs/{jobId}", Set.of("GET")),
                Map.entry("/api/leads/qualify-jobs/{jobId}/results", Set.of("GET")),
                Map.entry("/api/leads/{id}/disqualify", Set.of("POST")),
                Map.entry("/api/leads/{id}/reactivate", Set.of("POST")),
                Map.entry("/api/settings/lead-qualification", Set.of("GET", "PUT")))));
        assertEquals("Lead service API", doc.root().at("/info/title").asText());
        // the answers particular to the lead API
        assertFalse(doc.root().at("/paths/~1api~1leads~1{id}/patch/responses/412").isMissingNode(), "412 on a stale If-Match");
        assertFalse(doc.root().at("/paths/~1api~1leads/post/responses/409").isMissingNode(), "409 on a duplicate");
        assertFalse(doc.root().at("/paths/~1api~1leads~1{id}~1qualify/post/responses/202").isMissingNode(), "202 on qualify");
    }
}
