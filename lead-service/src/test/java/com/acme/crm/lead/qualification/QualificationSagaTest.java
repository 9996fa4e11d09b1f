package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.DuplicatesFound;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.acme.crm.lead.qualification.QualificationFixtures.ALICE;
import static com.acme.crm.lead.qualification.QualificationFixtures.RESOLVE;
import static com.acme.crm.lead.qualification.QualificationFixtures.attemptOf;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static com.acme.crm.lead.qualification.QualificationFixtures.reply;
import static com.acme.crm.lead.qualification.QualificationFixtures.singleCallAttempt;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lead side of the saga on the real connector and database; the other services are played over Kafka. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class QualificationSagaTest {

    @Test
    void qualifiesOnlyAfterBothServicesConfirmedAndCopiesNotes() throws Exception {
        String lead = newLead(ALICE);
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("text", "Wants a pilot in Q3"))
                .post("/api/leads/" + lead + "/notes").then().statusCode(201);

        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify")
                .then().statusCode(202)
                .header("Location", endsWith("/api/leads/" + lead + "/qualification"))
                .body("status", equalTo("IN_PROGRESS"))
                .body("request.opportunityCurrency", equalTo("EUR"));
        // while it runs, the lead is locked
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify").then().statusCode(409);

        JsonNode resolve = command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, RESOLVE);
        assertEquals("alice", resolve.get("ownerId").asText());
        UUID attempt = attemptOf(resolve);
        UUID account = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();
        AccountAndContactResolved resolved = new AccountAndContactResolved(attempt, UUID.fromString(lead), account, contact);
        reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED, resolved, ceId);
        reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED, resolved, ceId); // redelivered

        JsonNode create = command(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, QualificationMessages.CREATE_OPPORTUNITY);
        assertEquals(account.toString(), create.get("accountId").asText());
        assertEquals("Wants a pilot in Q3", create.get("notes").get(0).get("text").asText());
        assertEquals("alice", create.get("notes").get(0).get("author").asText());
        assertEquals(125000.50, create.get("estimatedValue").asDouble());
        given().auth().oauth2(ALICE).get("/api/leads/" + lead).then().body("state", equalTo("OPEN"));

        UUID opportunity = UUID.randomUUID();
        reply(lead, QualificationMessages.OPPORTUNITY_CREATED, new OpportunityCreated(attempt, UUID.fromString(lead), opportunity));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ALICE)
                .get("/api/leads/" + lead).then()
                .body("state", equalTo("QUALIFIED"))
                .body("statusReason", equalTo("QUALIFIED"))
                .body("opportunityId", equalTo(opportunity.toString()))
                .body("qualification.status", equalTo("COMPLETED"))
                .body("qualification.id", equalTo(attempt.toString())));
        given().auth().oauth2(ALICE).get("/api/leads/" + lead + "/qualification").then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("accountId", equalTo(account.toString()))
                .body("contactId", equalTo(contact.toString()));
        given().auth().oauth2(ALICE).get("/api/leads/" + lead + "/history").then().statusCode(200)
                .body("action", hasItems("CREATED", "NOTE_ADDED", "QUALIFICATION_REQUESTED", "QUALIFIED"));
        KafkaProbe.await(Topics.LEAD_EVENTS, lead, 1, KafkaProbe.ofType("crm.lead.qualified.v1"));
        // exactly one opportunity command, despite the repeated reply
        assertEquals(1, KafkaProbe.relayed(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead).size());
        // closed: a new attempt is refused
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify").then().statusCode(409);
    }

    @Test
    void duplicatesStopTheAttemptAndTheCallerCanRetryWithSuppression() throws Exception {
        String lead = newLead(ALICE);
        UUID attempt = singleCallAttempt(ALICE, lead);
        UUID existing = UUID.randomUUID();
        reply(lead, QualificationMessages.DUPLICATES_FOUND, new DuplicatesFound(attempt, UUID.fromString(lead),
                List.of(new DuplicatesFound.DuplicateMatch(existing, "Kaizen Logistics", "name")), List.of()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ALICE)
                .get("/api/leads/" + lead + "/qualification").then()
                .body("status", equalTo("DUPLICATES_FOUND"))
                .body("duplicates.accounts[0].id", equalTo(existing.toString())));
        given().auth().oauth2(ALICE).get("/api/leads/" + lead).then().body("state", equalTo("OPEN"));

        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("suppressDuplicateDetection", true))
                .post("/api/leads/" + lead + "/qualify").then().statusCode(202)
                .body("request.duplicatePolicy", equalTo("CREATE_NEW"));
    }

    @Test
    void aRejectedOpportunityFailsTheAttemptAndUndoesTheAccountStep() throws Exception {
        String lead = newLead(ALICE);
        UUID attempt = singleCallAttempt(ALICE, lead);
        reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                new AccountAndContactResolved(attempt, UUID.fromString(lead), UUID.randomUUID(), UUID.randomUUID()));
        command(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, QualificationMessages.CREATE_OPPORTUNITY);
        reply(lead, QualificationMessages.OPPORTUNITY_REJECTED,
                new OpportunityRejected(attempt, UUID.fromString(lead), "currency XTS is not sold"));

        JsonNode undo = command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, QualificationMessages.UNDO_ACCOUNT_AND_CONTACT);
        assertEquals(attempt.toString(), undo.get("qualificationId").asText());
        given().auth().oauth2(ALICE).get("/api/leads/" + lead + "/qualification").then()
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("currency XTS is not sold"));
        given().auth().oauth2(ALICE).get("/api/leads/" + lead).then()
                .body("state", equalTo("OPEN")).body("opportunityId", nullValue());
        given().auth().oauth2(ALICE).get("/api/leads/" + lead + "/history").then()
                .body("action", hasItems("QUALIFICATION_FAILED"));
        KafkaProbe.await(Topics.LEAD_EVENTS, lead, 1, KafkaProbe.ofType("crm.lead.qualification-failed.v1"));
    }

    @Test
    void anUnknownExistingAccountFailsWithItsReason() throws Exception {
        String lead = newLead(ALICE);
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("existingAccountId", unknown.toString()))
                .post("/api/leads/" + lead + "/qualify").then().statusCode(202);
        JsonNode resolve = command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, RESOLVE);
        assertEquals(unknown.toString(), resolve.get("existingAccountId").asText());
        reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED, new AccountAndContactRejected(
                attemptOf(resolve), UUID.fromString(lead), "account " + unknown + " does not exist"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ALICE)
                .get("/api/leads/" + lead + "/qualification").then()
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("account " + unknown + " does not exist")));
    }

    @Test
    void preferWaitAnswersWithTheFinalStatus() throws Exception {
        String lead = newLead(ALICE);
        Thread otherServices = new Thread(() -> {
            try {
                UUID attempt = attemptOf(command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, RESOLVE));
                reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                        new AccountAndContactResolved(attempt, UUID.fromString(lead), UUID.randomUUID(), UUID.randomUUID()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        otherServices.start();
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .header("Prefer", "wait=20")
                .body(Map.of("createOpportunity", false))
                .post("/api/leads/" + lead + "/qualify")
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
        otherServices.join();
        given().auth().oauth2(ALICE).get("/api/leads/" + lead).then().body("state", equalTo("QUALIFIED"));
    }

    @Test
    void fiftyConcurrentCallsStartExactlyOneAttempt() throws Exception {
        String lead = newLead(ALICE);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/leads/" + lead + "/qualify").statusCode());
        }
        int accepted = 0;
        int conflicts = 0;
        for (Future<Integer> status : pool.invokeAll(calls)) {
            if (status.get() == 202) {
                accepted++;
            } else if (status.get() == 409) {
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(1, accepted);
        assertEquals(49, conflicts);
        assertEquals(1, KafkaProbe.relayed(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead).size());
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheSameAttempt() {
        String lead = newLead(ALICE);
        Response first = given().auth().oauth2(ALICE).contentType(ContentType.JSON).header("Idempotency-Key", "k-1")
                .body(Map.of()).post("/api/leads/" + lead + "/qualify");
        Response again = given().auth().oauth2(ALICE).contentType(ContentType.JSON).header("Idempotency-Key", "k-1")
                .body(Map.of()).post("/api/leads/" + lead + "/qualify");
        assertEquals(202, first.statusCode());
        assertEquals(202, again.statusCode());
        assertEquals(first.jsonPath().getString("id"), again.jsonPath().getString("id"));
        assertEquals(1, KafkaProbe.relayed(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead).size());
    }

    @Test
    void refusesBadRequestsAndOtherPeoplesLeads() {
        String lead = newLead(ALICE);
        given().auth().oauth2(TestTokens.token("bob", "salesperson")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify").then().statusCode(404);
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + UUID.randomUUID() + "/qualify").then().statusCode(404);
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("opportunityCurrency", "EURO"))
                .post("/api/leads/" + lead + "/qualify").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("createAccount", "yes"))
                .post("/api/leads/" + lead + "/qualify").then().statusCode(400);
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("accountId", UUID.randomUUID().toString()))
                .post("/api/leads/" + lead + "/qualify").then().statusCode(400);
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("createAccount", false, "createContact", false, "createOpportunity", false))
                .post("/api/leads/" + lead + "/qualify").then().statusCode(400)
                .body("violations[0].field", equalTo("createAccount"));
        given().auth().oauth2(TestTokens.token("carol", "sales-manager")).get("/api/leads/" + lead + "/qualification")
                .then().statusCode(404).body("type", equalTo("https://crm.acme.example/problems/not-qualified"));
    }
}
