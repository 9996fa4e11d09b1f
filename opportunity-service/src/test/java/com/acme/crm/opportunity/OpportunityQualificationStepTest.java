package com.acme.crm.opportunity;

import com.acme.crm.testinfra.HardText;
import com.acme.crm.contracts.MessageLimits;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.StakeholderRef;
import com.acme.crm.contracts.qualification.OpportunityCommands;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestKafka;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** opportunity-service's saga step on the real connector and database. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpportunityQualificationStepTest {

    /** The lead API's limits: notes per lead, characters per note. */
    private static final int MAX_NOTES = 500;
    private static final int MAX_NOTE = 10_000;
    /** Characters JSON escapes (a control character takes 6 bytes), multi-byte ones and a surrogate pair. */
    private static final String TOKEN = TestTokens.token("alice", "salesperson");

    @Inject
    ObjectMapper json;

    @Test
    void theLargestLeadGetsOneOpportunityWithEveryNoteInOrderConfirmedOnceAndUndoRemovesAll() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        List<CopiedNote> notes = IntStream.range(0, MAX_NOTES)
                .mapToObj(i -> new CopiedNote(i + " " + HardText.of(MAX_NOTE - String.valueOf(i).length() - 1), "author-" + i % 7,
                        Instant.parse("2026-01-02T03:04:05Z").plusSeconds(i)))
                .toList();
        OpportunityCommands messages = OpportunityCommands.of(command(attempt, lead, HardText.of(200), HardText.of(10_000)), notes, this::bytes);
        assertTrue(messages.chunks().size() > 10, messages.chunks().size() + " chunks");
        List<Message> sent = messages(messages);
        sent.forEach(m -> assertTrue(m.json().getBytes(StandardCharsets.UTF_8).length <= MessageLimits.MAX_DATA_BYTES));

        send(lead, sent);

        List<ConsumerRecord<String, String>> created = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_CREATED.name()));
        String id = json.readTree(created.get(0).value()).get("opportunityId").asText();
        assertEquals(notes, notesShown(id));
        given().auth().oauth2(TOKEN).get("/api/opportunities/" + id).then().statusCode(200)
                .body("stage", equalTo("DEVELOP")).body("ownerId", equalTo("alice"));
        // the public event names the notes, without their texts
        JsonNode event = json.readTree(KafkaProbe.await(Topics.OPPORTUNITY_EVENTS, id, 1,
                KafkaProbe.ofType("crm.opportunity.created.v1")).get(0).value());
        assertEquals(MAX_NOTES, event.get("noteCount").asInt());
        assertTrue(!event.has("notes"));

        // a repeated chunk and a repeated command (new ce_ids) change nothing and answer nothing
        send(lead, List.of(sent.get(sent.size() - 1), sent.get(0), sent.get(1)));
        awaitProcessed();
        assertEquals(1, KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, lead.toString()).size());
        assertEquals(1, count("select count(*) from opportunity where originating_lead_id = '" + lead + "'"));
        assertEquals(MAX_NOTES, count("select count(*) from opportunity_note where opportunity_id = '" + id + "'"));
        assertEquals(1, KafkaProbe.relayed(Topics.OPPORTUNITY_EVENTS, id).size());

        send(lead, List.of(undo(attempt, lead)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TOKEN).get("/api/opportunities/" + id).then().statusCode(404));
        assertEquals(0, count("select count(*) from opportunity_note where opportunity_id = '" + id + "'"));
        KafkaProbe.await(Topics.OPPORTUNITY_EVENTS, id, 1, KafkaProbe.ofType("crm.opportunity.deleted.v1"));
    }

    @Test
    void anUndoBeforeTheChunksLeavesNothingWhateverComesAfterIt() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        List<CopiedNote> notes = IntStream.range(0, 60)
                .mapToObj(i -> new CopiedNote(HardText.of(MAX_NOTE), "bob", Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i))).toList();
        List<Message> sent = messages(OpportunityCommands.of(command(attempt, lead, "Solar roofs", "big one"), notes, this::bytes));
        assertTrue(sent.size() > 2);

        // the command, the undo, then the chunks, then the command again
        List<Message> order = new ArrayList<>(List.of(sent.get(0), undo(attempt, lead)));
        order.addAll(sent.subList(1, sent.size()));
        order.add(sent.get(0));
        send(lead, order);
        awaitProcessed();

        List<ConsumerRecord<String, String>> replies = KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, lead.toString());
        assertEquals(List.of(), replies.stream().map(r -> KafkaProbe.header(r, "ce_type")).toList());
        assertEquals(0, count("select count(*) from opportunity where originating_lead_id = '" + lead + "'"));
        assertEquals(0, count("select count(*) from opportunity_note n where not exists (select 1 from opportunity o where o.id = n.opportunity_id)"));
        given().auth().oauth2(TOKEN).queryParam("originatingLeadId", lead).get("/api/opportunities").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aCommandFromBeforeChunksWithAllItsNotesIsConfirmedAtOnce() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        // as an older lead-service wrote it: no noteCount, every note inline
        String data = "{\"qualificationId\":\"" + attempt + "\",\"leadId\":\"" + lead + "\",\"ownerId\":\"alice\","
                + "\"name\":\"Fleet\",\"currency\":\"EUR\",\"notes\":[{\"text\":\"one\",\"author\":\"bob\",\"createdAt\":\"2026-01-02T03:04:05Z\"},"
                + "{\"text\":\"two\",\"author\":\"eve\",\"createdAt\":\"2026-01-02T03:04:06Z\"}]}";
        send(lead, List.of(new Message(QualificationMessages.CREATE_OPPORTUNITY.name(), data)));

        String id = json.readTree(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_CREATED.name())).get(0).value()).get("opportunityId").asText();
        given().auth().oauth2(TOKEN).get("/api/opportunities/" + id).then().statusCode(200)
                .body("notes.text", equalTo(List.of("one", "two")))
                .body("notes[1].author", equalTo("eve"))
                .body("notes[1].createdAt", equalTo("2026-01-02T03:04:06Z"));
        given().auth().oauth2(TOKEN).queryParam("originatingLeadId", lead).get("/api/opportunities").then()
                .body("items", hasSize(1)).body("items[0].noteCount", equalTo(2));
    }

    @Test
    void theLeadsStakeholdersAndFilesAreOnTheOpportunityInTheirOrderAndGoWithItsUndo() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        AttachmentRef offer = new AttachmentRef(UUID.randomUUID(), "Angebot – Q4 € 😀.pdf", "application/pdf", 25L * 1024 * 1024, "ab".repeat(32));
        AttachmentRef sheet = new AttachmentRef(UUID.randomUUID(), "x".repeat(255), "text/csv; charset=utf-8", 1, "0".repeat(64));
        CreateOpportunity command = command(attempt, lead, "With stakeholders", "d")
                .withStakeholders(List.of(new StakeholderRef(first, "DECISION_MAKER"), new StakeholderRef(second, "END_USER")))
                .withAttachments(List.of(offer, sheet));
        send(lead, List.of(new Message(QualificationMessages.CREATE_OPPORTUNITY.name(), json.writeValueAsString(command))));

        String id = json.readTree(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_CREATED.name())).get(0).value()).get("opportunityId").asText();
        given().auth().oauth2(TOKEN).get("/api/opportunities/" + id).then().statusCode(200)
                .body("stakeholders.contactId", equalTo(List.of(first.toString(), second.toString())))
                .body("stakeholders.role", equalTo(List.of("DECISION_MAKER", "END_USER")))
                .body("attachments.id", equalTo(List.of(offer.id().toString(), sheet.id().toString())))
                .body("attachments.fileName", equalTo(List.of(offer.fileName(), sheet.fileName())))
                .body("attachments.mediaType", equalTo(List.of("application/pdf", "text/csv; charset=utf-8")))
                .body("attachments[0].size", equalTo(25 * 1024 * 1024)).body("attachments[1].sha256", equalTo("0".repeat(64)))
                .body("attachments[0].href", equalTo("/api/leads/" + lead + "/attachments/" + offer.id()));

        send(lead, List.of(undo(attempt, lead)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("select count(*) from opportunity_attachment where opportunity_id = '" + id + "'") == 0);
        assertEquals(0, count("select count(*) from opportunity_stakeholder where opportunity_id = '" + id + "'"));
    }

    @Test
    void anOpportunityWithoutFilesShowsNone() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        send(lead, List.of(new Message(QualificationMessages.CREATE_OPPORTUNITY.name(),
                json.writeValueAsString(command(attempt, lead, "Without files", "d")))));
        String id = json.readTree(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_CREATED.name())).get(0).value()).get("opportunityId").asText();
        given().auth().oauth2(TOKEN).get("/api/opportunities/" + id).then().statusCode(200)
                .body("attachments", hasSize(0)).body("stakeholders", hasSize(0));
    }

    /** The rows travel as one JSON document (OpportunityRows): amounts, absent values and escaped text arrive as given. */
    @Test
    void valuesJsonCouldBendAreStoredAsTheCommandGaveThem() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        String description = "quote \" backslash \\ tab \t newline \n € 😀 </script>";
        CreateOpportunity command = new CreateOpportunity(attempt, lead, "alice", null, null, "Exact", "EUR",
                new BigDecimal("1E+3"), null, null, false, description, null, null)
                .withNotes(1, List.of(new CopiedNote(description, "bob", Instant.parse("2026-01-02T03:04:05.123456Z"))));
        send(lead, List.of(new Message(QualificationMessages.CREATE_OPPORTUNITY.name(), json.writeValueAsString(command))));

        String id = json.readTree(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_CREATED.name())).get(0).value()).get("opportunityId").asText();
        JsonNode shown = json.readTree(given().auth().oauth2(TOKEN).get("/api/opportunities/" + id).then().statusCode(200)
                .extract().asString());
        assertEquals(0, new BigDecimal("1000").compareTo(shown.get("estimatedValue").decimalValue()), shown.toString());
        assertTrue(shown.get("accountId").isNull() && shown.get("purchaseTimeframe").isNull(), shown.toString());
        assertFalse(shown.get("decisionMaker").asBoolean(true), shown.toString());
        assertEquals(description, shown.get("description").asText());
        assertEquals(List.of(new CopiedNote(description, "bob", Instant.parse("2026-01-02T03:04:05.123456Z"))), notesShown(id));
    }

    @Test
    void aCommandTheColumnsCannotHoldIsRejectedAtOnceAndStoresNothing() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        CreateOpportunity tooLong = command(attempt, lead, "n".repeat(201), "d").withNotes(0, List.of());
        send(lead, List.of(new Message(QualificationMessages.CREATE_OPPORTUNITY.name(), json.writeValueAsString(tooLong))));

        JsonNode rejected = json.readTree(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_REJECTED.name())).get(0).value());
        assertEquals(attempt.toString(), rejected.get("qualificationId").asText());
        assertTrue(rejected.get("reason").asText().contains("name longer than 200"), rejected.toString());
        assertEquals(0, count("select count(*) from opportunity where originating_lead_id = '" + lead + "'"));
    }

    record Message(String type, String json) {
    }

    private List<Message> messages(OpportunityCommands commands) throws JsonProcessingException {
        List<Message> all = new ArrayList<>();
        all.add(new Message(QualificationMessages.CREATE_OPPORTUNITY.name(), json.writeValueAsString(commands.command())));
        for (CopyOpportunityNotes chunk : commands.chunks()) {
            all.add(new Message(QualificationMessages.COPY_OPPORTUNITY_NOTES.name(), json.writeValueAsString(chunk)));
        }
        return all;
    }

    private Message undo(UUID attempt, UUID lead) throws JsonProcessingException {
        return new Message(QualificationMessages.UNDO_OPPORTUNITY.name(), json.writeValueAsString(new UndoOpportunity(attempt, lead)));
    }

    /** Sends the messages in order, keyed by the lead, each with a new ce_id (as a repeat by the sender would be). */
    private static List<String> send(UUID lead, List<Message> messages) {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers(),
                "acks", "all", "max.in.flight.requests.per.connection", 1), new StringSerializer(), new StringSerializer())) {
            for (Message m : messages) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.OPPORTUNITY_COMMANDS, lead.toString(), m.json());
                ids.add(UUID.randomUUID().toString());
                Map.of("ce_id", ids.get(ids.size() - 1), "ce_type", m.type(), "ce_source", "/test", "ce_specversion", "1.0",
                                "content-type", "application/json")
                        .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
        return ids;
    }

    /** Until the bulk consumer has committed them (the commands keep no inbox row to wait for). */
    private static void awaitProcessed() {
        ConsumerLag.awaitNone("opportunity-service", Topics.OPPORTUNITY_COMMANDS, Duration.ofSeconds(30));
    }

    private List<CopiedNote> notesShown(String id) throws Exception {
        String body = given().auth().oauth2(TOKEN).get("/api/opportunities/" + id).then().statusCode(200).extract().asString();
        return List.of(json.treeToValue(json.readTree(body).get("notes"), CopiedNote[].class));
    }

    private static CreateOpportunity command(UUID attempt, UUID lead, String name, String description) {
        return new CreateOpportunity(attempt, lead, "alice", UUID.randomUUID(), UUID.randomUUID(), name, "EUR",
                new BigDecimal("99999999999999999.99"), "THIS_YEAR", "COMMITTEE", true, description, null, null);
    }


    private int bytes(Object value) {
        try {
            return json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static long count(String sql) {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
