package com.acme.crm.common.setaside;

import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** /ops is for operators: a valid token with the admin role, nothing less. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OperatorAccessTest {

    @Test
    void withoutATokenNothingIsShownOrDone() {
        given().get("/ops/set-aside").then().statusCode(401).contentType("application/problem+json");
        given().post("/ops/set-aside/replay").then().statusCode(401);
        given().delete("/ops/set-aside/1").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.forgedToken("mallory", "admin")).get("/ops/set-aside").then()
                .statusCode(401);
    }

    @Test
    void aSalespersonOrManagerIsForbidden() {
        given().header("Authorization", TestTokens.bearer("alice", "salesperson")).get("/ops/set-aside").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice", "salesperson")).post("/ops/set-aside/1/replay").then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer("alice", "salesperson")).delete("/ops/set-aside/1").then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer("carol", "sales-manager"))
                .post("/ops/set-aside/replay").then().statusCode(403);
    }

    @Test
    void anAdminIsServedAndUnknownIdsAreProblems() {
        given().header("Authorization", TestTokens.bearer("dave", "admin")).get("/ops/set-aside").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("dave", "admin")).post("/ops/set-aside/999999999/replay").then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().header("Authorization", TestTokens.bearer("dave", "admin")).delete("/ops/set-aside/999999999").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("dave", "admin")).get("/ops/set-aside?limit=0").then()
                .statusCode(400).contentType("application/problem+json");
    }
}
