package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.lead.support.Api;
import com.acme.crm.lead.support.LeadEventsTopic;
import com.acme.crm.testinfra.SqlStatements;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.qualification.QualificationFixtures.JSON;
import static com.acme.crm.lead.qualification.QualificationFixtures.RESOLVE;
import static com.acme.crm.lead.qualification.QualificationFixtures.attemptOf;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.reply;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Set-based writes (WriteBehind): a bulk job's window and batches of replies write their outbox messages, history
 * entries and job rows together at the end of each transaction, without a flush per message. What must still
 * hold, lead by lead: its events in order, each showing the version the lead had when it was written (the last
 * one the stored version), its history in order, its job row and its commands.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BatchWritesTest {

    private static final int LEADS = 12;

    @Test
    void aJobsLeadsQualifiedInBatchesKeepTheirEventsVersionsHistoryAndOrder() throws Exception {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            leads.add(Api.ALICE.createLead());
        }
        System.out.println("=== BatchWritesTest: job of " + LEADS + " leads starts ===");
        SqlStatements sql = SqlStatements.record();
        String job = Api.ALICE.call().body(Map.of("leadIds", leads, "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().path("id");

        List<UUID> attempts = new ArrayList<>();
        for (String lead : leads) {
            attempts.add(attemptOf(command(Topics.ACCOUNT_COMMANDS, lead, RESOLVE)));
        }
        for (int i = 0; i < LEADS; i++) { // sent back to back: the consumer takes them in a few polls
            reply(leads.get(i), QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED, new AccountAndContactResolved(
                    attempts.get(i), UUID.fromString(leads.get(i)), UUID.randomUUID(), UUID.randomUUID()));
        }
        for (String lead : leads) {
            JsonNode create = command(Topics.OPPORTUNITY_COMMANDS, lead, QualificationMessages.CREATE_OPPORTUNITY);
            assertEquals(lead, create.get("leadId").asText());
        }
        for (int i = 0; i < LEADS; i++) {
            reply(leads.get(i), QualificationMessages.OPPORTUNITY_CREATED,
                    new OpportunityCreated(attempts.get(i), UUID.fromString(leads.get(i)), UUID.randomUUID()));
        }
        String last = leads.get(LEADS - 1);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Db.count("select count(*) from qualify_job_lead where job_id = '" + job + "' and status = 'COMPLETED'") == LEADS);
        System.out.println("=== BatchWritesTest: job of " + LEADS + " leads done ===");
        sql.close();
        // the starts: their leads locked and loaded, attempts inserted, leads updated, a statement each per window
        assertEquals(sql.startingWith("insert into qualification "), sql.startingWith("insert into qualification (id, lead_id,"),
                "every attempt inserted by the window's set-based statement, none through Hibernate");
        assertTrue(sql.containing("for no key update of l") <= 2, "the window's leads at once: " + sql.containing("for no key update of l"));
        // the replies: no update per lead or attempt through Hibernate, one set-based statement per table per batch
        assertEquals(0, sql.startingWith("update lead set "), "no Hibernate update per lead");
        assertEquals(0, sql.startingWith("update qualification set "), "no Hibernate update per attempt");
        long leadUpdates = sql.containing("update lead l set ");
        long attemptUpdates = sql.containing("update qualification q set ");
        assertTrue(leadUpdates >= 1 && leadUpdates <= 1 + LEADS, "set-based lead updates: " + leadUpdates);
        assertTrue(attemptUpdates >= 1 && attemptUpdates <= 2 * LEADS, "set-based attempt updates: " + attemptUpdates);
        System.out.printf("=== BatchWritesTest: statements for %d leads (the runner's idle ticks included): %d in all;"
                        + " lead updates %d, attempt updates %d, attempt inserts %d, lock-and-load %d, outbox inserts %d,"
                        + " history inserts %d, qualify_job_lead updates %d, other selects %d%n", LEADS, sql.all().size(),
                leadUpdates, attemptUpdates, sql.startingWith("insert into qualification "), sql.containing("for no key update of l"),
                sql.containing("insert into outbox_message"), sql.containing("insert into lead_history"),
                sql.containing("update qualify_job_lead l set "), sql.startingWith("select"));

        List<ConsumerRecord<String, String>> events = LeadEventsTopic.readUntil(
                LeadEventsTopic.is(last, PublicEvents.LEAD_QUALIFIED), Duration.ofSeconds(30), Duration.ofSeconds(1));
        for (String lead : leads) {
            assertEquals("QUALIFIED", Db.text("select state from lead where id = '" + lead + "'"));
            long stored = Db.count("select version from lead where id = '" + lead + "'");
            List<Long> versions = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (ConsumerRecord<String, String> event : LeadEventsTopic.withKey(events, lead)) {
                versions.add(JSON.readTree(event.value()).get("version").asLong());
                types.add(LeadEventsTopic.header(event, "ce_type"));
            }
            assertEquals(PublicEvents.LEAD_QUALIFIED, types.get(types.size() - 1), "the lead's events in order: " + types);
            assertEquals(stored, versions.get(versions.size() - 1), "the last event shows the stored version: " + versions);
            for (int i = 1; i < versions.size(); i++) {
                assertTrue(versions.get(i) > versions.get(i - 1), "each event a later version: " + versions);
            }
            assertEquals(List.of("CREATED", "QUALIFICATION_REQUESTED", "QUALIFIED"),
                    Db.strings("select action from lead_history where lead_id = '" + lead + "' order by at, id"));
            assertEquals(List.of("CREATED", "QUALIFICATION_REQUESTED", "QUALIFIED"),
                    Db.strings("select action from lead_history where lead_id = '" + lead + "' order by id"),
                    "ids in the order the entries were recorded");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from outbox_message") == 0);
    }

    @Test
    void repliesOfOneAttemptBackToBack_stepItsVersionOncePerChange_inOneBatchOrTwo() throws Exception {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            leads.add(Api.ALICE.createLead());
        }
        Api.ALICE.call().body(Map.of("leadIds", leads, "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202);
        List<UUID> attempts = new ArrayList<>();
        for (String lead : leads) {
            attempts.add(attemptOf(command(Topics.ACCOUNT_COMMANDS, lead, RESOLVE)));
        }
        for (int i = 0; i < LEADS; i++) { // both replies at once: a poll often holds both of a lead
            UUID lead = UUID.fromString(leads.get(i));
            reply(leads.get(i), QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                    new AccountAndContactResolved(attempts.get(i), lead, UUID.randomUUID(), UUID.randomUUID()));
            reply(leads.get(i), QualificationMessages.OPPORTUNITY_CREATED, new OpportunityCreated(attempts.get(i), lead, UUID.randomUUID()));
        }
        for (UUID attempt : attempts) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    "COMPLETED".equals(Db.text("select status from qualification where id = '" + attempt + "'")));
            // inserted at 0, then one step for the account's answer and one for the opportunity's
            assertEquals(2, Db.count("select version from qualification where id = '" + attempt + "'"));
        }
        String last = leads.get(LEADS - 1);
        List<ConsumerRecord<String, String>> events = LeadEventsTopic.readUntil(
                LeadEventsTopic.is(last, PublicEvents.LEAD_QUALIFIED), Duration.ofSeconds(30), Duration.ofSeconds(1));
        for (String lead : leads) {
            List<ConsumerRecord<String, String>> own = LeadEventsTopic.withKey(events, lead);
            long shown = JSON.readTree(own.get(own.size() - 1).value()).get("version").asLong();
            assertEquals(Db.count("select version from lead where id = '" + lead + "'"), shown, "the last event shows the stored version");
            assertEquals("QUALIFIED false", Db.text("select state || ' ' || qualification_in_progress from lead where id = '" + lead + "'"));
        }
    }
}
