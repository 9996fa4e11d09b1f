package com.acme.crm.account;

import com.acme.crm.account.qualification.AccountAndContactResolver;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.KafkaProbe.Event;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * account-service's commands keep no inbox row (they are idempotent by its state, AccountCommandConsumer): the same
 * {@code ce_id} twice in one poll, again in a later poll and after the attempt's undo makes its records, their public
 * events and its undo once, and the repeats' replies name the same records (or reject, once the attempt is undone).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RepeatedAccountCommandsTest {

    private static final String RESOLVE = QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name();
    private static final String RESOLVED = QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name();
    private static final String DUPLICATES = QualificationMessages.DUPLICATES_FOUND.name();
    private static final String REJECTED = QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED.name();

    @Inject
    ObjectMapper json;

    @Inject
    AccountAndContactResolver resolver;

    @Test
    void aResolveTwiceInOnePoll_againLater_andAfterItsUndo_makesItsRecordsAndEventsOnce() throws Exception {
        ResolveAccountAndContact command = resolve("Twice Turbines " + UUID.randomUUID(), DuplicatePolicy.REPORT);
        String lead = command.leadId().toString();
        Event resolve = event(command);
        send(lead, resolve, resolve);
        List<ConsumerRecord<String, String>> replies = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead, 2, KafkaProbe.ofType(RESOLVED));
        JsonNode first = data(replies.get(0));
        assertEquals(first, data(replies.get(1)), "the repeat in the poll names the same records");

        send(lead, resolve);
        replies = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead, 3, KafkaProbe.ofType(RESOLVED));
        assertEquals(first, data(replies.get(2)), "the repeat in a later poll names the same records");
        assertEquals(1, Db.count("select count(*) from account where originating_lead_id = '" + lead + "'"));
        assertEquals(1, Db.count("select count(*) from contact where originating_lead_id = '" + lead + "'"));

        Event undo = new Event(QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name(),
                json.writeValueAsString(new UndoAccountAndContact(command.qualificationId(), command.leadId())));
        send(lead, undo, undo);
        send(lead, undo, resolve);

        assertEquals(0, Db.count("select count(*) from account where originating_lead_id = '" + lead + "'"));
        assertEquals(0, Db.count("select count(*) from contact where originating_lead_id = '" + lead + "'"));
        assertEquals(List.of(RESOLVED, RESOLVED, RESOLVED, REJECTED), types(Topics.QUALIFICATION_REPLIES, lead),
                "after the undo the repeat is rejected, not carried out again");
        assertEquals(List.of(PublicEvents.ACCOUNT_CREATED, PublicEvents.ACCOUNT_DELETED),
                types(Topics.ACCOUNT_EVENTS, first.get("accountId").asText()));
        assertEquals(List.of(PublicEvents.CONTACT_CREATED, PublicEvents.CONTACT_DELETED),
                types(Topics.ACCOUNT_EVENTS, first.get("contactId").asText()));
        assertEquals(0, Db.count("select count(*) from processed_message where message_id in ('" + resolve.ceId() + "', '"
                + undo.ceId() + "')"), "no inbox row");
    }

    @Test
    void aReportedResolveRepeatedAfterItsDuplicateWasRemoved_makesNothing() throws Exception {
        String company = "Vanishing Valves " + UUID.randomUUID();
        ResolveAccountAndContact original = resolve(company, DuplicatePolicy.REPORT);
        send(original.leadId().toString(), event(original));
        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, original.leadId().toString(), 1, KafkaProbe.ofType(RESOLVED));

        ResolveAccountAndContact duplicate = resolve(company, DuplicatePolicy.REPORT);
        String lead = duplicate.leadId().toString();
        Event report = event(duplicate);
        send(lead, report, report);
        // the duplicate goes (its attempt undone), then the report comes once more: there is nothing to report now
        send(original.leadId().toString(), new Event(QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name(),
                json.writeValueAsString(new UndoAccountAndContact(original.qualificationId(), original.leadId()))));
        assertEquals(0, Db.count("select count(*) from account where originating_lead_id = '" + original.leadId() + "'"));
        send(lead, report);

        assertEquals(List.of(DUPLICATES, REJECTED, REJECTED), types(Topics.QUALIFICATION_REPLIES, lead),
                "the attempt answered with duplicates makes nothing later");
        assertEquals(0, Db.count("select count(*) from account where originating_lead_id = '" + lead + "'"));
        assertEquals(0, Db.count("select count(*) from contact where originating_lead_id = '" + lead + "'"));
    }

    @Test
    void aResolveRejectedAfterFailures_isRejectedWhenItComesAgain() throws Throwable {
        ResolveAccountAndContact command = resolve("Flaky Fans " + UUID.randomUUID(), DuplicatePolicy.LINK_EXISTING);
        String lead = command.leadId().toString();
        // what the consumer does with a resolve whose failures it gave up on (IdempotentConsumer): the rejection
        VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() ->
                resolver.reject(command, "a failure that did not last", Lane.BULK)));
        // redelivered: the resolve would succeed now, but its attempt was answered
        send(lead, event(command));

        assertEquals(List.of(REJECTED, REJECTED), types(Topics.QUALIFICATION_REPLIES, lead));
        assertEquals(0, Db.count("select count(*) from account where originating_lead_id = '" + lead + "'"));
    }

    @Test
    void aPoisonMessageBetweenAResolveAndItsRepeat_isSetAsideAlone_andTheResolveMakesItsRecordsOnce() throws Exception {
        ResolveAccountAndContact command = resolve("Poisoned Pistons " + UUID.randomUUID(), DuplicatePolicy.LINK_EXISTING);
        String lead = command.leadId().toString();
        Event resolve = event(command);
        Event poison = new Event(RESOLVE, "{not json");
        send(lead, resolve, poison, resolve);

        assertEquals(1, Db.count("select count(*) from set_aside_message where message_id = '" + poison.ceId() + "'"));
        assertEquals(0, Db.count("select count(*) from set_aside_message where message_id = '" + resolve.ceId() + "'"));
        List<ConsumerRecord<String, String>> replies = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead, 2, KafkaProbe.ofType(RESOLVED));
        assertEquals(data(replies.get(0)), data(replies.get(1)));
        assertEquals(1, Db.count("select count(*) from account where originating_lead_id = '" + lead + "'"));
        assertEquals(List.of(PublicEvents.ACCOUNT_CREATED), types(Topics.ACCOUNT_EVENTS, data(replies.get(0)).get("accountId").asText()));
    }

    /** Sends {@code events} in one poll and waits until the bulk consumer has committed them. */
    private static void send(String lead, Event... events) {
        KafkaProbe.sendTogether(Topics.ACCOUNT_COMMANDS, lead, List.of(events));
        ConsumerLag.awaitNone("account-service", Topics.ACCOUNT_COMMANDS, Duration.ofSeconds(30));
    }

    /** The types of every record with {@code key} on {@code topic}, in order, once the outbox has sent them all. */
    private static List<String> types(String topic, String key) {
        return KafkaProbe.relayed(topic, key).stream().map(record -> KafkaProbe.header(record, "ce_type")).toList();
    }

    private Event event(ResolveAccountAndContact command) throws Exception {
        return new Event(RESOLVE, json.writeValueAsString(command));
    }

    private JsonNode data(ConsumerRecord<String, String> record) throws Exception {
        return json.readTree(record.value());
    }

    private static ResolveAccountAndContact resolve(String company, DuplicatePolicy policy) {
        return new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "owner-1", true, true, null, null, policy,
                new ProspectDetails(company, null, "Software", "Ada", "Lovelace", "CTO", null,
                        "+49 30 1234", null, "Main St 1", "Berlin", null, "10115", "DE"));
    }
}
