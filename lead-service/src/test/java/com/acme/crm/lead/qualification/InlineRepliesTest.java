package com.acme.crm.lead.qualification;

import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.contracts.MessageType;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.QualificationReply;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.KafkaProbe.Keyed;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.acme.crm.lead.qualification.QualificationFixtures.ALICE;
import static com.acme.crm.lead.qualification.QualificationFixtures.INTERACTIVE_GROUP;
import static com.acme.crm.lead.qualification.QualificationFixtures.JSON;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static com.acme.crm.lead.qualification.QualificationFixtures.reply;
import static com.acme.crm.lead.qualification.QualificationFixtures.singleCallAttempt;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A reply batch decides the replies whose running attempt its preparation locked from the leads and attempts it holds,
 * and queues what they write without a Uni ({@link InOrder#DONE}); any other reply (a late one, one for an unknown
 * attempt) loads for itself. Both ways decide alike: a poll that mixes them, with a poison reply that splits it, ends
 * with each lead's effects exactly once.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InlineRepliesTest {


    @Inject
    QualificationSaga saga;

    @Test
    void aHeldAttemptsReply_endsAtOnce_aLateOneAndAnUnknownOne_load() throws Throwable {
        Started running = Started.running();
        Started late = Started.failed();

        List<Uni<Void>> works = new ArrayList<>();
        VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() -> saga.prepare(
                        Set.of(running.id(), late.id()), Set.of(running.id(), late.id()))
                .chain(() -> each(works, List.of(
                        resolved(running),
                        new OpportunityCreated(running.attempt(), running.id(), UUID.randomUUID()),
                        resolved(late),
                        new OpportunityCreated(UUID.randomUUID(), running.id(), UUID.randomUUID()))))));

        assertSame(InOrder.DONE, works.get(0), "the held attempt's resolve: decided and queued at once");
        assertSame(InOrder.DONE, works.get(1), "the same attempt's next reply in the batch: held too");
        assertNotSame(InOrder.DONE, works.get(2), "a late reply: its attempt was not running, so not locked by the batch");
        assertNotSame(InOrder.DONE, works.get(3), "an unknown attempt: looked for");
        assertEquals("COMPLETED", Db.text("select status from qualification where id = '" + running.attempt() + "'"));
        assertEquals("QUALIFIED 2", Db.text("select l.state || ' ' || q.version from lead l join qualification q on q.lead_id = l.id"
                + " where l.id = '" + running.lead() + "'"), "one set-based step per change of the attempt");
        assertEquals(1, Db.count("select count(*) from qualification where id = '" + late.attempt() + "' and account_id is not null"),
                "the late reply's records recorded, for their undo");
    }

    @Test
    void aPollOfSeveralLeadsReplies_heldAndLoaded_splitByAPoison_takesEachEffectOnce() throws Exception {
        Started both = Started.running();
        Started late = Started.failed();
        Started repeated = Started.running();
        String stranger = Started.running().lead();
        String strangerBefore = versions(stranger);

        KafkaProbe.Event bothResolved = event(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED, resolved(both));
        KafkaProbe.Event bothCreated = event(QualificationMessages.OPPORTUNITY_CREATED,
                new OpportunityCreated(both.attempt(), both.id(), UUID.randomUUID()));
        UUID lateAccount = UUID.randomUUID();
        KafkaProbe.Event lateResolved = event(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                new AccountAndContactResolved(late.attempt(), late.id(), lateAccount, UUID.randomUUID()));
        KafkaProbe.Event repeatedResolved = event(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED, resolved(repeated));
        KafkaProbe.Event unknownAttempt = event(QualificationMessages.OPPORTUNITY_CREATED,
                new OpportunityCreated(UUID.randomUUID(), UUID.fromString(stranger), UUID.randomUUID()));
        KafkaProbe.Event poison = new KafkaProbe.Event("crm.internal.reply-from-the-future.v9",
                "{\"qualificationId\":\"" + repeated.attempt() + "\"}");
        // one produce request: the consumer's poll takes them together, the poison splits the batch around it
        KafkaProbe.sendTogether(Topics.QUALIFICATION_REPLIES_INTERACTIVE, List.of(new Keyed(both.lead(), bothResolved),
                new Keyed(late.lead(), lateResolved), new Keyed(repeated.lead(), repeatedResolved), new Keyed(stranger, unknownAttempt),
                new Keyed(repeated.lead(), poison), new Keyed(both.lead(), bothCreated), new Keyed(repeated.lead(), repeatedResolved)));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("select count(*) from set_aside_message where message_id = '" + poison.ceId() + "'") == 1);
        ConsumerLag.awaitNone(INTERACTIVE_GROUP, Topics.QUALIFICATION_REPLIES_INTERACTIVE, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from outbox_message") == 0);
        // from here on, what the batch sent is on the topics in full: read each to its end (KafkaProbe.relayed), no window

        // resolved and created in one poll: qualified once, its event showing the stored version
        assertEquals("QUALIFIED COMPLETED 2", Db.text("select l.state || ' ' || q.status || ' ' || q.version from lead l"
                + " join qualification q on q.lead_id = l.id where l.id = '" + both.lead() + "'"));
        assertEquals(List.of("CREATED", "QUALIFICATION_REQUESTED", "QUALIFIED"), history(both.lead()));
        assertEquals(1, KafkaProbe.relayed(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, both.lead()).size());
        List<ConsumerRecord<String, String>> qualified = KafkaProbe.relayed(Topics.LEAD_EVENTS, both.lead()).stream()
                .filter(KafkaProbe.ofType(PublicEvents.LEAD_QUALIFIED)).toList();
        assertEquals(1, qualified.size(), "qualified once");
        assertEquals(Db.count("select version from lead where id = '" + both.lead() + "'"),
                JSON.readTree(qualified.get(0).value()).get("version").asLong(), "the event shows the stored version");

        // a late success for a failed attempt: its records recorded and undone, the lead's history unchanged
        assertEquals("FAILED " + lateAccount, Db.text("select status || ' ' || account_id from qualification where id = '" + late.attempt() + "'"));
        assertEquals(List.of("CREATED", "QUALIFICATION_REQUESTED", "QUALIFICATION_FAILED"), history(late.lead()));
        assertEquals(List.of(QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name()),
                KafkaProbe.relayed(Topics.ACCOUNT_COMMANDS_INTERACTIVE, late.lead()).stream()
                        .map(record -> KafkaProbe.header(record, "ce_type")).toList());

        // a resolve, its repeat after the poison: one step, one CreateOpportunity
        assertEquals("IN_PROGRESS 1", Db.text("select status || ' ' || version from qualification where id = '" + repeated.attempt() + "'"));
        assertEquals(1, KafkaProbe.relayed(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, repeated.lead()).size());

        // a reply for an attempt nobody knows: nothing changes
        assertEquals(strangerBefore, versions(stranger));
        assertEquals(0, KafkaProbe.relayed(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, stranger).size());
    }

    /** Each reply's work in turn, as the consumer's batch runs them; the Unis they returned kept in {@code works}. */
    private Uni<Void> each(List<Uni<Void>> works, List<QualificationReply> replies) {
        return InOrder.each(replies, reply -> {
            Uni<Void> work = saga.on(reply);
            works.add(work);
            return work;
        });
    }

    /** A new lead and its single call's attempt. */
    private record Started(String lead, UUID attempt) {

        UUID id() {
            return UUID.fromString(lead);
        }

        static Started running() throws Exception {
            String lead = newLead(ALICE);
            return new Started(lead, singleCallAttempt(ALICE, lead));
        }

        /** The attempt failed by account-service's rejection (it created nothing). */
        static Started failed() throws Exception {
            Started started = running();
            reply(started.lead(), QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED,
                    new AccountAndContactRejected(started.attempt(), UUID.fromString(started.lead()), "unknown account"));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "FAILED".equals(Db.text("select status from qualification where id = '" + started.attempt() + "'")));
            return started;
        }
    }

    private static AccountAndContactResolved resolved(Started started) {
        return new AccountAndContactResolved(started.attempt(), started.id(), UUID.randomUUID(), UUID.randomUUID());
    }

    private static List<String> history(String lead) {
        return Db.strings("select action from lead_history where lead_id = '" + lead + "' order by id");
    }

    /** The lead's version and its latest attempt's. */
    private static String versions(String lead) {
        return Db.text("select concat(l.version, '/', q.version, '/', q.status) from lead l join qualification q"
                + " on q.id = l.qualification_id where l.id = '" + lead + "'");
    }

    private static <T> KafkaProbe.Event event(MessageType<T> type, T data) throws Exception {
        return new KafkaProbe.Event(type.name(), JSON.writeValueAsString(data));
    }
}
