package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.qualification.QualificationFixtures.ALICE;
import static com.acme.crm.lead.qualification.QualificationFixtures.RESOLVE;
import static com.acme.crm.lead.qualification.QualificationFixtures.attemptOf;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static com.acme.crm.lead.qualification.QualificationFixtures.replyOn;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two lanes on the real connector: a single call's attempt travels on the interactive topics, a bulk job's on
 * the bulk ones; a reply is heard on either (an account-service of before the lanes answers on the bulk topic); and
 * after a failed bulk attempt, the lead's next single call follows that attempt's undo on the bulk lane.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LanesTest {

    @Test
    void aSingleCallTakesTheInteractiveLane_aJobTheBulkLane() throws Exception {
        String single = newLead(ALICE);
        String ofJob = newLead(ALICE);

        qualify(single).statusCode(202);
        submitJob(ofJob);

        command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, single, RESOLVE);
        command(Topics.ACCOUNT_COMMANDS, ofJob, RESOLVE);
        assertEquals(List.of(), KafkaProbe.relayed(Topics.ACCOUNT_COMMANDS, single));
        assertEquals(List.of(), KafkaProbe.relayed(Topics.ACCOUNT_COMMANDS_INTERACTIVE, ofJob));
        assertEquals("INTERACTIVE", laneOf(single));
        assertEquals("BULK", laneOf(ofJob));
    }

    @Test
    void anInteractiveAttemptCompletes_withRepliesOnTheBulkTopic_asAServiceOfBeforeTheLanesSendsThem() throws Exception {
        String lead = newLead(ALICE);
        qualify(lead).statusCode(202);
        UUID attempt = attemptOf(command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, RESOLVE));

        replyOn(Topics.QUALIFICATION_REPLIES, lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                new AccountAndContactResolved(attempt, UUID.fromString(lead), UUID.randomUUID(), UUID.randomUUID()));
        command(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, QualificationMessages.CREATE_OPPORTUNITY);
        replyOn(Topics.QUALIFICATION_REPLIES, lead, QualificationMessages.OPPORTUNITY_CREATED,
                new OpportunityCreated(attempt, UUID.fromString(lead), UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(ALICE).get("/api/leads/" + lead).then().body("state", equalTo("QUALIFIED")));
    }

    /**
     * The case the lanes put at risk: a job's attempt fails after account-service made its records, and its undo waits
     * on the bulk lane (behind the job). Had the user's next attempt taken the interactive lane, account-service could
     * resolve it first and report the failed attempt's account as a duplicate of the lead's own. It follows the undo on
     * the bulk lane instead, behind it on the lead's partition.
     */
    @Test
    void afterAFailedJobAttempt_theNextSingleCallFollowsItsUndoOnTheBulkLane() throws Exception {
        String lead = newLead(ALICE);
        submitJob(lead);
        UUID failed = attemptOf(command(Topics.ACCOUNT_COMMANDS, lead, RESOLVE));
        replyOn(Topics.QUALIFICATION_REPLIES, lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                new AccountAndContactResolved(failed, UUID.fromString(lead), UUID.randomUUID(), UUID.randomUUID()));
        command(Topics.OPPORTUNITY_COMMANDS, lead, QualificationMessages.CREATE_OPPORTUNITY);
        replyOn(Topics.QUALIFICATION_REPLIES, lead, QualificationMessages.OPPORTUNITY_REJECTED,
                new OpportunityRejected(failed, UUID.fromString(lead), "no such currency here"));
        ConsumerRecord<String, String> undo = KafkaProbe.await(Topics.ACCOUNT_COMMANDS, lead, 1,
                KafkaProbe.ofType(QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name())).get(0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ALICE).get("/api/leads/" + lead)
                .then().body("qualification.status", equalTo("FAILED")));

        qualify(lead).statusCode(202);

        List<ConsumerRecord<String, String>> resolves = KafkaProbe.await(Topics.ACCOUNT_COMMANDS, lead, 2, KafkaProbe.ofType(RESOLVE.name()));
        ConsumerRecord<String, String> next = resolves.get(1);
        JsonNode nextCommand = QualificationFixtures.JSON.readTree(next.value());
        assertTrue(!attemptOf(nextCommand).equals(failed), "a new attempt");
        assertEquals(undo.partition(), next.partition(), "the lead's key, the same partition");
        assertTrue(next.offset() > undo.offset(), "the new attempt's resolve comes after the failed attempt's undo");
        assertEquals(List.of(), KafkaProbe.relayed(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead));
        assertEquals("BULK", laneOf(lead));
    }

    private static io.restassured.response.ValidatableResponse qualify(String lead) {
        return given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify").then();
    }

    private static void submitJob(String lead) {
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("leadIds", List.of(lead), "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202);
    }

    /** The lane of the lead's latest attempt, as stored. */
    private static String laneOf(String lead) {
        return com.acme.crm.testinfra.Db.text("select q.lane from qualification q join lead l on l.qualification_id = q.id"
                + " where l.id = '" + lead + "'");
    }
}
