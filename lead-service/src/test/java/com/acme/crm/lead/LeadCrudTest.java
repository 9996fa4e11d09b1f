package com.acme.crm.lead;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.BOB;
import static com.acme.crm.lead.support.Api.CAROL;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadCrudTest {

    @Test
    void createStoresEveryFieldAndDefaultsTheOwnerToTheCaller() {
        String email = Api.uniqueEmail();
        Response created = ALICE.call().body(Api.fullLead(email)).post("/api/leads");
        created.then().statusCode(201)
                .header("Location", endsWith("/api/leads/" + created.path("id")))
                .body("ownerId", equalTo("alice"))
                .body("state", equalTo("OPEN"))
                .body("statusReason", equalTo("NEW"))
                .body("version", equalTo(0))
                .body("createdBy", equalTo("alice"))
                .body("closedAt", nullValue());
        String id = created.path("id");

        ALICE.call().get("/api/leads/" + id).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("topic", equalTo("Espresso machines for 40 branches"))
                .body("firstName", equalTo("Giulia"))
                .body("jobTitle", equalTo("Head of purchasing"))
                .body("email", equalTo(email))
                .body("address.city", equalTo("Milano"))
                .body("address.postalCode", equalTo("20121"))
                .body("preferredContactMethod", equalTo("EMAIL"))
                .body("leadSource", equalTo("TRADE_SHOW"))
                .body("budgetAmount", equalTo(125000.5f))
                .body("currency", equalTo("EUR"))
                .body("purchaseTimeframe", equalTo("THIS_QUARTER"))
                .body("purchaseProcess", equalTo("COMMITTEE"))
                .body("decisionMaker", equalTo(true))
                .body("sourceCampaignId", equalTo("FAIR-2026"))
                .body("existingAccountId", notNullValue());
    }

    @Test
    void theLargestBudgetKeepsItsCentsInTheDatabaseAndTheAnswer() {
        String body = "{\"topic\":\"Budget at the limit\",\"lastName\":\"Exact\",\"budgetAmount\":99999999999999999.99,\"currency\":\"EUR\"}";
        Response created = ALICE.call().body(body).post("/api/leads");
        created.then().statusCode(201);
        String id = created.path("id");
        assertEquals("99999999999999999.99", Db.text("select budget_amount from lead where id = '" + id + "'"));
        String answer = ALICE.call().get("/api/leads/" + id).then().statusCode(200).extract().asString();
        assertEquals(true, answer.contains("\"budgetAmount\":99999999999999999.99"), answer);
    }

    @Test
    void aManagerMayCreateALeadForSomeoneElseButASalespersonMayNot() {
        CAROL.call().body(Api.minimalLead(Map.of("ownerId", "bob"))).post("/api/leads")
                .then().statusCode(201).body("ownerId", equalTo("bob")).body("createdBy", equalTo("carol"));
        ALICE.call().body(Api.minimalLead(Map.of("ownerId", "bob"))).post("/api/leads")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void duplicateEmailOfAnOpenLeadIsA409ListingTheMatchesUnlessSuppressed() {
        String email = Api.uniqueEmail();
        String first = BOB.createLead(Api.minimalLead(Map.of("email", email, "firstName", "Ada", "companyName", "Acme")));

        ALICE.call().body(Api.minimalLead(Map.of("email", email.toUpperCase()))).post("/api/leads")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("extensions.duplicates", hasSize(1))
                .body("extensions.duplicates[0].id", equalTo(first))
                .body("extensions.duplicates[0].name", equalTo("Ada Rossi"))
                .body("extensions.duplicates[0].companyName", equalTo("Acme"))
                .body("extensions.duplicates[0].email", equalTo(email))
                .body("extensions.duplicates[0].ownerId", equalTo("bob"));

        ALICE.call().body(Api.minimalLead(Map.of("email", email))).post("/api/leads?suppressDuplicateDetection=true")
                .then().statusCode(201);
    }

    @Test
    void aClosedLeadWithTheSameEmailIsNoDuplicate() {
        String email = Api.uniqueEmail();
        String first = ALICE.createLead(Api.minimalLead(Map.of("email", email)));
        ALICE.call().body(Map.of("reason", "LOST")).post("/api/leads/" + first + "/disqualify").then().statusCode(200);
        ALICE.call().body(Api.minimalLead(Map.of("email", email))).post("/api/leads").then().statusCode(201);
    }

    @Test
    void idempotentCreateReplaysTheFirstAnswerAndCreatesNothingMore() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Api.minimalLead(Map.of("email", Api.uniqueEmail()));
        Response first = ALICE.call().header("Idempotency-Key", key).body(body).post("/api/leads");
        first.then().statusCode(201);
        Response again = ALICE.call().header("Idempotency-Key", key).body(body).post("/api/leads");
        again.then().statusCode(201);
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.jsonPath().getMap(""), again.jsonPath().getMap(""));

        ALICE.call().queryParam("q", body.get("email")).queryParam("view", "all").get("/api/leads")
                .then().statusCode(200).body("items", hasSize(1));

        Map<String, Object> other = new HashMap<>(body);
        other.put("lastName", "Bianchi");
        ALICE.call().header("Idempotency-Key", key).body(other).post("/api/leads")
                .then().statusCode(422).contentType("application/problem+json");

        // keys are per caller: bob's same key is a new request
        BOB.call().header("Idempotency-Key", key).body(Api.minimalLead(Map.of())).post("/api/leads")
                .then().statusCode(201);
    }

    @Test
    void patchIsAMergePatchWithOptimisticConcurrency() {
        String id = ALICE.createLead(Api.fullLead(Api.uniqueEmail()));
        ALICE.call().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("jobTitle", "CEO", "address", Map.of("city", "Torino")))
                .patch("/api/leads/" + id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("version", equalTo(1))
                .body("jobTitle", equalTo("CEO"))
                .body("address.city", equalTo("Torino"))
                .body("address.street", equalTo("Via Roma 1"))
                .body("firstName", equalTo("Giulia"));

        Map<String, Object> clear = new HashMap<>();
        clear.put("firstName", null);
        clear.put("address", null);
        ALICE.call().body(clear).patch("/api/leads/" + id)
                .then().statusCode(200)
                .body("firstName", nullValue())
                .body("address", nullValue())
                .body("jobTitle", equalTo("CEO"));

        ALICE.call().header("If-Match", "\"1\"").body(Map.of("jobTitle", "CFO")).patch("/api/leads/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        ALICE.call().get("/api/leads/" + id).then().body("jobTitle", equalTo("CEO"));
    }

    @Test
    void patchRejectsSystemFieldsClearingRequiredOnesAndClosedLeads() {
        String id = ALICE.createLead();
        ALICE.call().body(Map.of("statusReason", "CONTACTED")).patch("/api/leads/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("statusReason"));
        Map<String, Object> clearLastName = new HashMap<>();
        clearLastName.put("lastName", null);
        ALICE.call().body(clearLastName).patch("/api/leads/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("lastName"));
        Map<String, Object> clearOwner = new HashMap<>();
        clearOwner.put("ownerId", null);
        ALICE.call().body(clearOwner).patch("/api/leads/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("ownerId"));
        ALICE.call().body(Map.of("ownerId", "bob")).patch("/api/leads/" + id).then().statusCode(403);

        ALICE.call().body(Map.of("reason", "CANCELED")).post("/api/leads/" + id + "/disqualify").then().statusCode(200);
        ALICE.call().body(Map.of("jobTitle", "CEO")).patch("/api/leads/" + id)
                .then().statusCode(409).body("type", endsWith("/lead-closed"));
    }

    @Test
    void aManagerMayReassignALead() {
        String id = ALICE.createLead();
        CAROL.call().body(Map.of("ownerId", "bob")).patch("/api/leads/" + id)
                .then().statusCode(200).body("ownerId", equalTo("bob")).body("modifiedBy", equalTo("carol"));
        ALICE.call().get("/api/leads/" + id).then().statusCode(404);
        BOB.call().get("/api/leads/" + id).then().statusCode(200);
    }

    @Test
    void deleteRemovesTheLeadAndItsNotes() {
        String id = ALICE.createLead();
        ALICE.call().body(Map.of("text", "called, no answer")).post("/api/leads/" + id + "/notes").then().statusCode(201);
        ALICE.call().delete("/api/leads/" + id).then().statusCode(204);
        ALICE.call().get("/api/leads/" + id).then().statusCode(404).contentType("application/problem+json");
        ALICE.call().get("/api/leads/" + id + "/notes").then().statusCode(404);
        ALICE.call().delete("/api/leads/" + id).then().statusCode(404);
        assertEquals(0L, Db.count("select count(*) from lead_note where lead_id = '" + id + "'"));
        assertEquals(0L, Db.count("select count(*) from lead_history where lead_id = '" + id + "'"));
    }

    @Test
    void openApiDescribesTheLeadEndpointsWithTheirBodies() {
        io.restassured.RestAssured.given().get("/openapi/lead-service?format=json").then().statusCode(200)
                .body("paths.'/api/leads'.post.requestBody.content.'application/json'.schema.$ref", endsWith("LeadFields"))
                .body("paths.'/api/leads/{id}'.patch", notNullValue())
                .body("paths.'/api/settings/lead-qualification'.put", notNullValue());
    }

    @Test
    void unknownLeadIs404() {
        ALICE.call().get("/api/leads/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
