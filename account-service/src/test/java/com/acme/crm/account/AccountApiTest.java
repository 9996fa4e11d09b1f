package com.acme.crm.account;

import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The account and contact REST API (SPEC §4): who may write, filters, keyset paging, problems. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccountApiTest {

    private static final String MANAGER = TestTokens.token("carol", "sales-manager");
    private static final String SALESPERSON = TestTokens.token("alice", "salesperson");

    @Test
    void managersCreateAndPatchAccountsEveryoneReadsThem() {
        String name = "Paging Partners " + UUID.randomUUID();
        String id = given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("name", name, "website", "https://www.paging.example"))
                .post("/api/accounts").then().statusCode(201).header("Location", notNullValue())
                .body("ownerId", equalTo("carol")).extract().path("id");
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(Map.of("city", "Lyon"))
                .patch("/api/accounts/" + id).then().statusCode(200).body("city", equalTo("Lyon")).body("name", equalTo(name));
        given().auth().oauth2(SALESPERSON).get("/api/accounts/" + id).then().statusCode(200);
        given().auth().oauth2(SALESPERSON).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/accounts").then().statusCode(403);
        // a salesperson may create a contact (a new stakeholder, SPEC §8/§10); it is theirs, and they still may not change it
        String contact = given().auth().oauth2(SALESPERSON).contentType(ContentType.JSON).body(Map.of("lastName", "Stakeholder"))
                .post("/api/contacts").then().statusCode(201).body("ownerId", notNullValue()).extract().path("id");
        given().auth().oauth2(SALESPERSON).contentType(ContentType.JSON).body(Map.of("jobTitle", "CTO"))
                .patch("/api/contacts/" + contact).then().statusCode(403);
        given().auth().oauth2(SALESPERSON).get("/api/accounts?name=" + name.toUpperCase() + " Inc.")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id));
    }

    @Test
    void listsPageNewestFirstWithACursor() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(Map.of("name", "Cursor " + tag + " " + i))
                    .post("/api/accounts").then().statusCode(201);
        }
        var first = given().auth().oauth2(SALESPERSON).get("/api/accounts?q=" + tag + "&limit=3")
                .then().statusCode(200).body("items", hasSize(3)).body("items[0].name", equalTo("Cursor " + tag + " 4"))
                .extract().jsonPath();
        given().auth().oauth2(SALESPERSON).get("/api/accounts?q=" + tag + "&limit=3&cursor=" + first.getString("nextCursor"))
                .then().statusCode(200).body("items", hasSize(2)).body("nextCursor", nullValue())
                .body("items[1].name", equalTo("Cursor " + tag + " 0"));
        given().auth().oauth2(SALESPERSON).get("/api/accounts?limit=1").then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(SALESPERSON).get("/api/accounts?cursor=garbage").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void contactsNeedAnExistingAccountAndAreFoundByEmail() {
        String email = "Mia-" + UUID.randomUUID() + "@contacts.example";
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("lastName", "Wong", "email", email, "accountId", UUID.randomUUID().toString()))
                .post("/api/contacts").then().statusCode(400).body("violations[0].field", equalTo("accountId"));
        String id = given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(Map.of("lastName", "Wong", "email", email))
                .post("/api/contacts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(SALESPERSON).get("/api/contacts?email=" + email.toLowerCase())
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id));
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(Map.of("lastName", ""))
                .post("/api/contacts").then().statusCode(400);
        given().auth().oauth2(SALESPERSON).get("/api/contacts/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/contacts").then().statusCode(401);
    }
}
