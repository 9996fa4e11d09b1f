package com.acme.crm.system;

import com.acme.crm.stack.ServiceDefinition;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Qualification across the three services, driven over HTTP through the gateway only: the
 * lead closes only after account-service and opportunity-service have done their part.
 */
class QualificationSystemTest extends ThroughTheGateway {

    /**
     * Each service rehearses its saga step before it reports ready (service-common warmup/); a
     * rehearsal that broke would only log a warning and cost speed, so this says it ran through.
     */
    @Test
    void everyServiceRehearsedItsSagaStepBeforeItWentReady() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            // the body names every check whatever the overall status: another check (Kafka's, during a
            // rebalance after the tests before this one) may be DOWN for a moment; this is about the warm-up's
            String result = RestAssured.given().baseUri(stack.service(service.name()).baseUrl())
                    .get("/q/health/ready").then()
                    .extract().path("checks.find { it.name == 'warm-up' }.data.result");
            // "not over after <bound>" only says the machine was slow; "failed: ..." names a broken rehearsal
            assertTrue("done".equals(result) || (result != null && result.startsWith("not over")),
                    service.name() + "'s warm-up: " + result);
        }
    }

    @Test
    void qualifiesALeadIntoAccountContactAndOpportunityWithItsNotes() {
        String lead = newLead("alice", "Orbital Freight " + unique());
        as("alice").body(Map.of("text", "Budget confirmed by the CFO")).post("/api/leads/" + lead + "/notes")
                .then().statusCode(201);

        ValidatableResponse qualified = qualify("alice", lead, Map.of())
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("accountId", notNullValue())
                .body("contactId", notNullValue())
                .body("opportunityId", notNullValue());
        String account = qualified.extract().path("accountId");
        String opportunity = qualified.extract().path("opportunityId");

        as("alice").get("/api/leads/" + lead).then().statusCode(200)
                .body("state", equalTo("QUALIFIED"))
                .body("accountId", equalTo(account))
                .body("opportunityId", equalTo(opportunity));
        as("alice").get("/api/accounts/" + account).then().statusCode(200)
                .body("originatingLeadId", equalTo(lead))
                .body("ownerId", equalTo("alice"));
        as("alice").get("/api/opportunities/" + opportunity).then().statusCode(200)
                .body("stage", equalTo("DEVELOP"))
                .body("currency", equalTo("EUR"))
                .body("estimatedValue", equalTo(50000.0f))
                .body("originatingLeadId", equalTo(lead))
                .body("notes", hasSize(1))
                .body("notes[0].text", equalTo("Budget confirmed by the CFO"))
                .body("notes[0].author", equalTo("alice"));

        // a qualified lead with an opportunity cannot be disqualified
        as("alice").body(Map.of("reason", "LOST")).post("/api/leads/" + lead + "/disqualify").then().statusCode(409);
    }

    @Test
    void withoutAnOpportunityTheLeadIsQualifiedOnceAccountAndContactExist() {
        String lead = newLead("bob", "Quiet Harbor " + unique());
        qualify("bob", lead, Map.of("createOpportunity", false))
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("opportunityId", nullValue());
        as("bob").get("/api/leads/" + lead).then().body("state", equalTo("QUALIFIED"));
    }

    @Test
    void duplicatesAreReportedThenResolvedByLinkingOrByCreatingAnyway() {
        String company = "Duplicate Dynamics " + unique();
        String first = newLead("alice", company);
        String account = qualify("alice", first, Map.of()).body("status", equalTo("COMPLETED")).extract().path("accountId");

        String second = newLead("alice", company.toUpperCase() + ", Inc.");
        qualify("alice", second, Map.of())
                .body("status", equalTo("DUPLICATES_FOUND"))
                .body("duplicates.accounts[0].id", equalTo(account));
        as("alice").get("/api/accounts?originatingLeadId=" + second).then().body("items", hasSize(0));
        as("alice").get("/api/leads/" + second).then().body("state", equalTo("OPEN"));

        qualify("alice", second, Map.of("existingAccountId", account, "suppressDuplicateDetection", true))
                .body("status", equalTo("COMPLETED"))
                .body("accountId", equalTo(account));

        String third = newLead("alice", company);
        qualify("alice", third, Map.of("suppressDuplicateDetection", true))
                .body("status", equalTo("COMPLETED"));
        as("alice").get("/api/accounts?originatingLeadId=" + third).then().body("items", hasSize(1));
    }

    @Test
    void anUnknownExistingAccountFailsTheAttemptAndLeavesNothingBehind() {
        String lead = newLead("alice", "Ghost Account " + unique());
        qualify("alice", lead, Map.of("existingAccountId", UUID.randomUUID().toString()))
                .body("status", equalTo("FAILED"))
                .body("failureReason", notNullValue());
        as("alice").get("/api/leads/" + lead).then().body("state", equalTo("OPEN"));
        as("alice").get("/api/contacts?originatingLeadId=" + lead).then().body("items", hasSize(0));
        as("alice").get("/api/opportunities?originatingLeadId=" + lead).then().body("items", hasSize(0));
    }

    @Test
    void aReactivatedLeadCanBeQualifiedAgain() {
        String lead = newLead("carol", "Second Wind " + unique());
        as("carol").body(Map.of("reason", "NO_LONGER_INTERESTED")).post("/api/leads/" + lead + "/disqualify")
                .then().statusCode(200);
        as("carol").post("/api/leads/" + lead + "/reactivate").then().statusCode(200);
        qualify("carol", lead, Map.of()).body("status", equalTo("COMPLETED"));
    }

    @Test
    void theGatewayAnswersUnknownRoutesAndMissingTokensWithProblems() {
        RestAssured.given().get("/api/leads").then().statusCode(401);
        RestAssured.given().header("X-Request-Id", "trace-me-1").get("/api/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
        as("dave").header("X-Request-Id", "trace-me-2").get("/api/leads").then().statusCode(200)
                .header("X-Request-Id", "trace-me-2");
    }

    private static String newLead(String user, String company) {
        String unique = unique();
        return as(user).body(Map.of("topic", "Deal with " + company, "firstName", "Kim", "lastName", "Park",
                        "companyName", company, "email", "kim-" + unique + "@example.com",
                        "budgetAmount", 50000, "currency", "EUR"))
                .post("/api/leads?suppressDuplicateDetection=true")
                .then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse qualify(String user, String lead, Map<String, Object> body) {
        return as(user).header("Prefer", "wait=30").body(body).post("/api/leads/" + lead + "/qualify").then();
    }
}
