package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.MessageType;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.acme.crm.lead.qualification.QualificationFixtures.ALICE;
import static com.acme.crm.lead.qualification.QualificationFixtures.BULK_GROUP;
import static com.acme.crm.lead.qualification.QualificationFixtures.INTERACTIVE_GROUP;
import static com.acme.crm.lead.qualification.QualificationFixtures.JSON;
import static com.acme.crm.lead.qualification.QualificationFixtures.RESOLVE;
import static com.acme.crm.lead.qualification.QualificationFixtures.attemptOf;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static com.acme.crm.lead.qualification.QualificationFixtures.singleCallAttempt;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replies keep no inbox record (QualificationReplyConsumer: idempotent by the attempt's state, LeadDecisions): a reply
 * delivered twice in one poll, and again after its attempt ended (as after a crash before the offsets were
 * committed), takes effect once; a poison reply between a reply and its repeat is still set aside alone.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RepeatedRepliesTest {


    @Test
    void aJobsRepliesTwiceInOnePoll_andAgainAfterTheEnd_takeEffectOnce() throws Exception {
        List<String> leads = List.of(Api.ALICE.createLead(), Api.ALICE.createLead());
        String job = Api.ALICE.call().body(Map.of("leadIds", leads, "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().path("id");
        List<List<KafkaProbe.Event>> replies = new ArrayList<>();
        for (String lead : leads) {
            UUID attempt = attemptOf(command(Topics.ACCOUNT_COMMANDS, lead, RESOLVE));
            UUID leadId = UUID.fromString(lead);
            KafkaProbe.Event resolved = event(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                    new AccountAndContactResolved(attempt, leadId, UUID.randomUUID(), UUID.randomUUID()));
            KafkaProbe.Event created = event(QualificationMessages.OPPORTUNITY_CREATED,
                    new OpportunityCreated(attempt, leadId, UUID.randomUUID()));
            // each twice in one produce request: one poll takes both
            KafkaProbe.sendTogether(Topics.QUALIFICATION_REPLIES, lead, List.of(resolved, resolved));
            command(Topics.OPPORTUNITY_COMMANDS, lead, QualificationMessages.CREATE_OPPORTUNITY);
            KafkaProbe.sendTogether(Topics.QUALIFICATION_REPLIES, lead, List.of(created, created));
            replies.add(List.of(resolved, created));
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Db.count("select count(*) from qualify_job_lead where job_id = '" + job + "' and status = 'COMPLETED'") == 2);
        List<String> versions = leads.stream().map(RepeatedRepliesTest::versions).toList();

        // the attempts are over; the same replies again, as after a crash before their offsets were committed
        for (int i = 0; i < leads.size(); i++) {
            KafkaProbe.sendTogether(Topics.QUALIFICATION_REPLIES, leads.get(i), replies.get(i));
        }
        ConsumerLag.awaitNone(BULK_GROUP, Topics.QUALIFICATION_REPLIES, Duration.ofSeconds(30));

        for (int i = 0; i < leads.size(); i++) {
            String lead = leads.get(i);
            assertEquals(List.of("CREATED", "QUALIFICATION_REQUESTED", "QUALIFIED"),
                    Db.strings("select action from lead_history where lead_id = '" + lead + "' order by id"));
            assertEquals(1, KafkaProbe.relayed(Topics.OPPORTUNITY_COMMANDS, lead).size(),
                    "one CreateOpportunity, no undo");
            assertEquals(1, KafkaProbe.relayed(Topics.ACCOUNT_COMMANDS, lead).size(),
                    "the resolve only, no undo");
            assertEquals(1, KafkaProbe.relayed(Topics.LEAD_EVENTS, lead).stream()
                    .filter(KafkaProbe.ofType(PublicEvents.LEAD_QUALIFIED)).count(), "qualified once");
            assertEquals(versions.get(i), versions(lead), "the lead and its attempt unchanged by the repeats");
            assertEquals(0, Db.count("select count(*) from processed_message where message_id in ('"
                    + replies.get(i).stream().map(KafkaProbe.Event::ceId).collect(Collectors.joining("','")) + "')"));
        }
        JsonPath view = Api.ALICE.call().get("/api/leads/qualify-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(2, 2, 0, 0, 0), List.of(view.getInt("total"), view.getInt("completed"), view.getInt("failed"),
                view.getInt("duplicates"), view.getInt("inProgress")), "the job's counts: each end counted once");
    }

    @Test
    void aPoisonReplyBetweenAReplyAndItsRepeat_isSetAsideAlone_andTheReplyTakesEffectOnce() throws Exception {
        String lead = newLead(ALICE);
        UUID attempt = singleCallAttempt(ALICE, lead);
        KafkaProbe.Event resolved = event(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                new AccountAndContactResolved(attempt, UUID.fromString(lead), UUID.randomUUID(), UUID.randomUUID()));
        KafkaProbe.Event poison = new KafkaProbe.Event("crm.internal.reply-from-the-future.v9", "{\"qualificationId\":\""
                + attempt + "\"}");
        KafkaProbe.sendTogether(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead, List.of(resolved, poison, resolved));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("select count(*) from set_aside_message where message_id = '" + poison.ceId() + "'") == 1);
        ConsumerLag.awaitNone(INTERACTIVE_GROUP, Topics.QUALIFICATION_REPLIES_INTERACTIVE, Duration.ofSeconds(30));

        assertEquals(1, KafkaProbe.relayed(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead).size(),
                "one CreateOpportunity: the batch before the poison committed it, the repeat after it found the step done");
        assertEquals("IN_PROGRESS", Db.text("select status from qualification where id = '" + attempt + "'"));
        assertEquals(1, Db.count("select count(*) from set_aside_message where message_id = '" + poison.ceId() + "'"));
        assertEquals(0, Db.count("select count(*) from set_aside_message where message_id = '" + resolved.ceId() + "'"));
    }

    /** The lead's version and its attempt's. */
    private static String versions(String lead) {
        return Db.text("select concat(l.version, '/', q.version) from lead l join qualification q on q.lead_id = l.id where l.id = '"
                + lead + "'");
    }

    private static <T> KafkaProbe.Event event(MessageType<T> type, T data) throws Exception {
        return new KafkaProbe.Event(type.name(), JSON.writeValueAsString(data));
    }
}
