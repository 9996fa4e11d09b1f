package com.acme.crm.opportunity;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.opportunity.qualification.OpportunityMaker;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.KafkaProbe.Event;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * opportunity-service's commands keep no inbox row (they are idempotent by its state, OpportunityCommandConsumer): the
 * same {@code ce_id} twice in one poll, again in a later poll and after the attempt's undo makes the opportunity, its
 * notes, its confirmation (reply and public event) and its undo once.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RepeatedOpportunityCommandsTest {

    private static final String CREATED = QualificationMessages.OPPORTUNITY_CREATED.name();
    private static final String REJECTED = QualificationMessages.OPPORTUNITY_REJECTED.name();

    @Inject
    ObjectMapper json;

    @Inject
    OpportunityMaker maker;

    @Test
    void aCreateAndItsChunkTwiceInOnePoll_againLater_andAfterTheUndo_makeOneOpportunityConfirmedOnce() throws Exception {
        CreateOpportunity command = command("Twice told").withNotes(2, List.of(note("first")));
        String lead = command.leadId().toString();
        Event create = event(QualificationMessages.CREATE_OPPORTUNITY.name(), command);
        Event chunk = event(QualificationMessages.COPY_OPPORTUNITY_NOTES.name(),
                new CopyOpportunityNotes(command.qualificationId(), command.leadId(), 1, List.of(note("second"))));
        send(lead, create, create, chunk, chunk);
        String opportunity = json.readTree(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead, 1, KafkaProbe.ofType(CREATED))
                .get(0).value()).get("opportunityId").asText();

        send(lead, chunk, create);
        assertEquals(1, Db.count("select count(*) from opportunity where originating_lead_id = '" + lead + "'"));
        assertEquals(2, Db.count("select count(*) from opportunity_note where opportunity_id = '" + opportunity + "'"));

        Event undo = event(QualificationMessages.UNDO_OPPORTUNITY.name(), new UndoOpportunity(command.qualificationId(), command.leadId()));
        send(lead, undo, undo);
        send(lead, undo, create, chunk);

        assertEquals(0, Db.count("select count(*) from opportunity where originating_lead_id = '" + lead + "'"));
        assertEquals(List.of(CREATED), types(Topics.QUALIFICATION_REPLIES, lead), "confirmed once, the repeats answer nothing");
        assertEquals(List.of(PublicEvents.OPPORTUNITY_CREATED, PublicEvents.OPPORTUNITY_DELETED), types(Topics.OPPORTUNITY_EVENTS, opportunity));
        assertEquals(0, Db.count("select count(*) from processed_message where message_id in ('" + create.ceId() + "', '"
                + chunk.ceId() + "', '" + undo.ceId() + "')"), "no inbox row");
    }

    @Test
    void aCreateRejectedAfterFailures_isIgnoredWhenItComesAgain() throws Throwable {
        CreateOpportunity command = command("Flaky");
        String lead = command.leadId().toString();
        // what the consumer does with a create whose failures it gave up on (IdempotentConsumer): the rejection
        VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() ->
                maker.reject(command, "a failure that did not last", Lane.BULK)));
        // redelivered: the create would succeed now, but its attempt was answered
        send(lead, event(QualificationMessages.CREATE_OPPORTUNITY.name(), command));

        assertEquals(List.of(REJECTED), types(Topics.QUALIFICATION_REPLIES, lead));
        assertEquals(0, Db.count("select count(*) from opportunity where originating_lead_id = '" + lead + "'"));
    }

    @Test
    void aPoisonMessageBetweenACreateAndItsRepeat_isSetAsideAlone_andTheOpportunityIsMadeOnce() throws Exception {
        CreateOpportunity command = command("Poisoned");
        String lead = command.leadId().toString();
        Event create = event(QualificationMessages.CREATE_OPPORTUNITY.name(), command);
        Event poison = new Event(QualificationMessages.UNDO_OPPORTUNITY.name() + ".unknown", "{}");
        send(lead, create, poison, create);

        assertEquals(1, Db.count("select count(*) from set_aside_message where message_id = '" + poison.ceId() + "'"));
        assertEquals(0, Db.count("select count(*) from set_aside_message where message_id = '" + create.ceId() + "'"));
        assertEquals(1, Db.count("select count(*) from opportunity where originating_lead_id = '" + lead + "'"));
        assertEquals(List.of(CREATED), types(Topics.QUALIFICATION_REPLIES, lead));
    }

    /** Sends {@code events} in one poll and waits until the bulk consumer has committed them. */
    private static void send(String lead, Event... events) {
        KafkaProbe.sendTogether(Topics.OPPORTUNITY_COMMANDS, lead, List.of(events));
        ConsumerLag.awaitNone("opportunity-service", Topics.OPPORTUNITY_COMMANDS, Duration.ofSeconds(30));
    }

    /** The types of every record with {@code key} on {@code topic}, in order, once the outbox has sent them all. */
    private static List<String> types(String topic, String key) {
        return KafkaProbe.relayed(topic, key).stream().map(record -> KafkaProbe.header(record, "ce_type")).toList();
    }

    private Event event(String type, Object data) throws Exception {
        return new Event(type, json.writeValueAsString(data));
    }

    private static CopiedNote note(String text) {
        return new CopiedNote(text, "bob", Instant.parse("2026-03-01T00:00:00Z"));
    }

    private static CreateOpportunity command(String name) {
        return new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "alice", UUID.randomUUID(), UUID.randomUUID(), name, "EUR",
                new BigDecimal("10.00"), "THIS_YEAR", "COMMITTEE", true, "d", 0, List.of());
    }
}
