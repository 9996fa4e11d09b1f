package com.acme.crm.account;

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

/** /openapi/account-service documents every account-service endpoint of SPEC §4, the bearer JWT and the problem answers. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpenApiDocumentTest {

    @Test
    void documentsTheApi() {
        OpenApiDocument doc = new OpenApiDocument(given().get("/openapi/account-service?format=json")
                .then().statusCode(200).extract().asString());

        assertEquals(List.of(), doc.problems(Map.of(
                "/api/accounts", Set.of("GET", "POST"),
                "/api/accounts/{id}", Set.of("GET", "PATCH"),
                "/api/contacts", Set.of("GET", "POST"),
                "/api/contacts/{id}", Set.of("GET", "PATCH"))));
        assertEquals("Account service API", doc.root().at("/info/title").asText());
        assertEquals("201", doc.root().at("/paths/~1api~1accounts/post/responses").fieldNames().next());
    }
}
