package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.qualification.QualificationFixtures.ALICE;
import static com.acme.crm.lead.qualification.QualificationFixtures.INTERACTIVE_GROUP;
import static com.acme.crm.lead.qualification.QualificationFixtures.JSON;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static com.acme.crm.lead.qualification.QualificationFixtures.singleCallAttempt;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SPEC §5 invariant 4: a stuck attempt times out, is compensated, and a late answer leaves no orphan; the late answer
 * repeated is undone once (no inbox record for replies: the attempt's state decides).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(QualificationTimeoutTest.ShortTimeout.class)
class QualificationTimeoutTest {

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.qualification.timeout", "PT2S", "crm.qualification.timeout-sweep", "500ms");
        }
    }

    @Test
    void aStuckAttemptTimesOutIsCompensatedAndALateReplyIsUndone() throws Exception {
        String lead = newLead(ALICE);
        UUID attempt = singleCallAttempt(ALICE, lead);

        // nobody answers
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ALICE)
                .get("/api/leads/" + lead + "/qualification").then()
                .body("status", equalTo("FAILED"))
                .body("failureReason", startsWith("timed out")));
        given().auth().oauth2(ALICE).get("/api/leads/" + lead).then().body("state", equalTo("OPEN"));
        given().auth().oauth2(ALICE).get("/api/leads/" + lead + "/history").then()
                .body("action", hasItems("QUALIFICATION_REQUESTED", "QUALIFICATION_FAILED"))
                .body("actor", hasItems("system"));
        command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, QualificationMessages.UNDO_ACCOUNT_AND_CONTACT);
        command(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, QualificationMessages.UNDO_OPPORTUNITY);

        // account-service answers after all: what it made must not outlive the attempt. The answer comes twice in one
        // poll and once more later (redelivered): no inbox record catches the repeats, the attempt's state does
        UUID account = UUID.randomUUID();
        String late = JSON.writeValueAsString(new AccountAndContactResolved(attempt, UUID.fromString(lead), account, UUID.randomUUID()));
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.Event answer = new KafkaProbe.Event(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name(), ceId, late);
        KafkaProbe.sendTogether(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead, List.of(answer, answer));
        KafkaProbe.await(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, 2, KafkaProbe.ofType(QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ALICE)
                .get("/api/leads/" + lead + "/qualification").then()
                .body("status", equalTo("FAILED")).body("accountId", equalTo(account.toString())));
        KafkaProbe.sendTogether(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead, List.of(answer));
        ConsumerLag.awaitNone(INTERACTIVE_GROUP, Topics.QUALIFICATION_REPLIES_INTERACTIVE, Duration.ofSeconds(30));

        assertEquals(2, KafkaProbe.relayed(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead).stream()
                .filter(KafkaProbe.ofType(QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name())).count(),
                "the timeout's undo and the late answer's, none for its repeats");
        assertEquals(1, KafkaProbe.relayed(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead).stream()
                .filter(KafkaProbe.ofType(QualificationMessages.UNDO_OPPORTUNITY.name())).count());
        assertEquals(1, Db.count("select count(*) from lead_history where lead_id = '" + lead + "' and action = 'QUALIFICATION_FAILED'"));
        assertEquals(0, Db.count("select count(*) from processed_message where message_id = '" + ceId + "'"));
        given().auth().oauth2(ALICE).get("/api/leads/" + lead + "/qualification").then().body("status", equalTo("FAILED"));
        // the lead can be qualified again
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify").then().statusCode(202);
    }
}
