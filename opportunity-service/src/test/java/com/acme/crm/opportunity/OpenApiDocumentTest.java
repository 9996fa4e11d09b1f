package com.acme.crm.opportunity;

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

/** /openapi/opportunity-service documents every opportunity-service endpoint of SPEC §4, the bearer JWT and the problem answers. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpenApiDocumentTest {

    @Test
    void documentsTheApi() {
        OpenApiDocument doc = new OpenApiDocument(given().get("/openapi/opportunity-service?format=json")
                .then().statusCode(200).extract().asString());

        assertEquals(List.of(), doc.problems(Map.of(
                "/api/opportunities", Set.of("GET"),
                "/api/opportunities/{id}", Set.of("GET"))));
        assertEquals("Opportunity service API", doc.root().at("/info/title").asText());
    }
}
