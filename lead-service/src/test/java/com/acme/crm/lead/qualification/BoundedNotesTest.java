package com.acme.crm.lead.qualification;

import com.acme.crm.testinfra.HardText;
import com.acme.crm.contracts.MessageLimits;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.lead.notes.LeadNote;
import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static com.acme.crm.lead.qualification.QualificationFixtures.JSON;
import static com.acme.crm.lead.qualification.QualificationFixtures.attemptOf;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.reply;
import static com.acme.crm.lead.support.Api.ALICE;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC rule 6: a lead holds at most {@link LeadNote#MAX_NOTES} notes, and the fullest lead the API
 * allows qualifies with every note sent to opportunity-service in messages far below Kafka's limit.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BoundedNotesTest {

    /** Characters JSON escapes (a control character takes 6 bytes), multi-byte ones and a surrogate pair. */
    /** Reads the lead's notes as copies (text, author, time), ignoring their id and lead id. */
    private static final ObjectMapper NOTES = JSON.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void aNoteBeyondTheMaximumIsRefusedEvenWhenAddedConcurrently() throws Exception {
        String lead = ALICE.createLead();
        addNotes(lead, LeadNote.MAX_NOTES - 10, i -> "note " + i);

        // twenty at once for the last ten places: the lead row lock lets exactly ten in
        List<Integer> statuses = concurrently(20, i -> ALICE.call().body(Map.of("text", "late " + i))
                .post("/api/leads/" + lead + "/notes").statusCode());
        assertEquals(10, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(10, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(LeadNote.MAX_NOTES, Db.count("select count(*) from lead_note where lead_id = '" + lead + "'"));

        ALICE.call().body(Map.of("text", "one more")).post("/api/leads/" + lead + "/notes").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crm.acme.example/problems/too-many-notes"))
                .body("extensions.maxNotes", equalTo(LeadNote.MAX_NOTES));
        // a disqualify note is a note too: refused, and the lead stays open
        ALICE.call().body(Map.of("reason", "LOST", "note", "gone quiet")).post("/api/leads/" + lead + "/disqualify").then()
                .statusCode(409).body("type", equalTo("https://crm.acme.example/problems/too-many-notes"));
        ALICE.call().get("/api/leads/" + lead).then().body("state", equalTo("OPEN"));
        assertEquals(LeadNote.MAX_NOTES, Db.count("select count(*) from lead_note where lead_id = '" + lead + "'"));
    }

    @Test
    void theFullestLeadSendsEveryNoteInOrderInMessagesWithinTheBound() throws Exception {
        String lead = ALICE.createLead(Api.minimalLead(Map.of("topic", HardText.of(200), "description", HardText.of(10_000),
                "budgetAmount", new BigDecimal("999999999999.99"), "currency", "EUR")));
        addNotes(lead, LeadNote.MAX_NOTES, i -> i + HardText.of(LeadNote.MAX_TEXT_LENGTH - String.valueOf(i).length()));
        List<CopiedNote> notes = List.of(NOTES.treeToValue(JSON.readTree(ALICE.call().get("/api/leads/" + lead + "/notes")
                .then().statusCode(200).extract().asString()), CopiedNote[].class));
        assertEquals(LeadNote.MAX_NOTES, notes.size());

        ALICE.call().body(Map.of()).post("/api/leads/" + lead + "/qualify").then().statusCode(202);
        UUID attempt = attemptOf(command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, QualificationFixtures.RESOLVE));
        reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                new AccountAndContactResolved(attempt, UUID.fromString(lead), UUID.randomUUID(), UUID.randomUUID()));

        // what reached the topic: the command, then the chunks, in order on the lead's key
        ConsumerRecord<String, String> first = KafkaProbe.await(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, 1,
                KafkaProbe.ofType(QualificationMessages.CREATE_OPPORTUNITY.name())).get(0);
        CreateOpportunity create = JSON.readValue(first.value(), CreateOpportunity.class);
        assertEquals(LeadNote.MAX_NOTES, create.noteCount());
        // the chunks were written by the transaction that wrote the command: once the outbox has sent them, all are there
        List<ConsumerRecord<String, String>> records = KafkaProbe.relayed(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead);
        assertEquals(LeadNote.MAX_NOTES, carried(records));
        List<CopiedNote> sent = new ArrayList<>(create.notes());
        int largest = 0;
        for (ConsumerRecord<String, String> record : records) {
            int bytes = record.value().getBytes(StandardCharsets.UTF_8).length;
            largest = Math.max(largest, bytes);
            assertTrue(bytes <= MessageLimits.MAX_DATA_BYTES, bytes + " bytes");
            if (QualificationMessages.COPY_OPPORTUNITY_NOTES.name().equals(KafkaProbe.header(record, "ce_type"))) {
                CopyOpportunityNotes chunk = JSON.readValue(record.value(), CopyOpportunityNotes.class);
                assertEquals(attempt, chunk.qualificationId());
                assertEquals(sent.size(), chunk.firstPosition(), "chunks in order, none missing or repeated");
                sent.addAll(chunk.notes());
            }
        }
        System.out.printf("fullest lead: %d messages on %s, largest %d bytes%n", records.size(), Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, largest);
        assertEquals(notes, sent);

        UUID opportunity = UUID.randomUUID();
        reply(lead, QualificationMessages.OPPORTUNITY_CREATED, new OpportunityCreated(attempt, UUID.fromString(lead), opportunity));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ALICE.call().get("/api/leads/" + lead).then()
                .body("state", equalTo("QUALIFIED")).body("opportunityId", equalTo(opportunity.toString())));
    }

    /** How many notes the records carry in all (the command's and the chunks'). */
    private static int carried(List<ConsumerRecord<String, String>> records) {
        int count = 0;
        for (ConsumerRecord<String, String> record : records) {
            try {
                JsonNode data = JSON.readTree(record.value());
                count += data.path("notes").size();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return count;
    }

    private static void addNotes(String lead, int count, IntFunction<String> text) throws Exception {
        List<Integer> statuses = concurrently(count, 4, i -> ALICE.call().body(Map.of("text", text.apply(i)))
                .post("/api/leads/" + lead + "/notes").statusCode());
        assertEquals(List.of(201), statuses.stream().distinct().toList());
    }

    private static List<Integer> concurrently(int count, IntFunction<Integer> call) throws Exception {
        return concurrently(count, count, call);
    }

    /** Runs {@code call(0..count-1)} on {@code threads} threads; the answers in index order. */
    private static List<Integer> concurrently(int count, int threads, IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> calls = IntStream.range(0, count).<Callable<Integer>>mapToObj(i -> () -> call.apply(i)).toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

}
