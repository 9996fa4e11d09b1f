package com.acme.crm.lead;

import com.acme.crm.contracts.Topics;
import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.LeadEventsTopic.header;
import static com.acme.crm.lead.support.LeadEventsTopic.is;
import static com.acme.crm.lead.support.LeadEventsTopic.readUntil;
import static com.acme.crm.lead.support.LeadEventsTopic.withKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §7: lead events leave only after commit, exactly the committed changes, at least once, with a stable ce_id. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadEventsTest {

    /** The relay's advisory lock (OutboxRelay.RELAY_LOCK): whoever holds it is "the" relay. */
    private static final long RELAY_LOCK = 7_413_289_001L;

    @Test
    void exactlyTheCommittedChangesArePublishedInOrderAsCloudEvents() {
        String id = ALICE.createLead(Api.minimalLead(Map.of("email", Api.uniqueEmail())));
        ALICE.call().body(Map.of("jobTitle", "CEO")).patch("/api/leads/" + id).then().statusCode(200);
        // refused or empty changes publish nothing
        ALICE.call().header("If-Match", "\"0\"").body(Map.of("jobTitle", "CFO")).patch("/api/leads/" + id).then().statusCode(412);
        ALICE.call().body(Map.of("currency", "ZZZ")).patch("/api/leads/" + id).then().statusCode(400);
        ALICE.call().body(Map.of("jobTitle", "CEO")).patch("/api/leads/" + id).then().statusCode(200);
        ALICE.call().post("/api/leads/" + id + "/reactivate").then().statusCode(409);
        ALICE.call().body(Map.of("text", "a note is no lead change")).post("/api/leads/" + id + "/notes").then().statusCode(201);
        ALICE.call().body(Map.of("reason", "LOST")).post("/api/leads/" + id + "/disqualify").then().statusCode(200);
        ALICE.call().post("/api/leads/" + id + "/reactivate").then().statusCode(200);
        ALICE.call().delete("/api/leads/" + id).then().statusCode(204);

        // every call has answered, so every change has committed: once the outbox has sent them, all are on the topic
        List<ConsumerRecord<String, String>> events = KafkaProbe.relayed(Topics.LEAD_EVENTS, id);

        assertEquals(List.of("crm.lead.created.v1", "crm.lead.updated.v1", "crm.lead.disqualified.v1",
                "crm.lead.reactivated.v1", "crm.lead.deleted.v1"), events.stream().map(r -> header(r, "ce_type")).toList());
        assertEquals(events.size(), new HashSet<>(events.stream().map(r -> header(r, "ce_id")).toList()).size());
        for (ConsumerRecord<String, String> event : events) {
            assertEquals("1.0", header(event, "ce_specversion"));
            assertEquals("/lead-service", header(event, "ce_source"));
            assertEquals(id, header(event, "ce_subject"));
            // the data content type as content-type only (CloudEvents Kafka binding), never also ce_datacontenttype
            assertEquals("application/json", header(event, "content-type"));
            assertEquals(null, header(event, "ce_datacontenttype"));
            assertTrue(event.value().contains("\"id\":\"" + id + "\""), event.value());
        }
        assertTrue(events.get(1).value().contains("\"jobTitle\":\"CEO\""));
        assertTrue(events.get(2).value().contains("\"state\":\"DISQUALIFIED\""));
        assertTrue(events.get(3).value().contains("\"state\":\"OPEN\""));
    }

    @Test
    void aCreateRolledBackAtCommitPublishesNothing() throws Exception {
        String marker = "rolled-back-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Response answer;
        try (Connection other = Db.connect()) {
            // A concurrent request holds the same Idempotency-Key, uncommitted: our create cannot see it,
            // creates its lead, and waits at commit on the key's row.
            other.setAutoCommit(false);
            try (PreparedStatement claim = other.prepareStatement("insert into lead_create_request "
                    + "(caller, idempotency_key, request_hash, status, location, body, created_at) "
                    + "values ('alice', ?, 'another-request', 201, '/api/leads/elsewhere', '{}', now())")) {
                claim.setString(1, key);
                claim.executeUpdate();
            }
            CompletableFuture<Response> create = CompletableFuture.supplyAsync(() -> given()
                    .header("Authorization", TestTokens.bearer("alice", "salesperson"))
                    .header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body(Api.minimalLead(Map.of("topic", marker))).post("/api/leads"));
            await().atMost(Duration.ofSeconds(15)).until(() -> Db.count("select count(*) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and query like 'insert into lead_create_request%'") == 1);
            other.commit(); // the other request wins: our transaction fails at commit and rolls back
            answer = create.get();
        }
        answer.then().statusCode(422); // the key now belongs to a different request
        assertEquals(0, Db.count("select count(*) from lead where topic = '" + marker + "'"));

        // Everything committed before the sentinel is on the topic before it (one relay, in commit order).
        String sentinel = ALICE.createLead();
        List<ConsumerRecord<String, String>> events = readUntil(is(sentinel, "crm.lead.created.v1"),
                Duration.ofSeconds(20), Duration.ZERO);
        assertFalse(events.stream().anyMatch(r -> r.value().contains(marker)), "a rolled-back lead was published");
    }

    @Test
    void aRelayThatCouldNotSendDeliversLaterAndARepeatKeepsItsCeId() throws Exception {
        String id;
        String messageId;
        try (Connection relayStandIn = Db.connect()) {
            // Hold the relay's lock: as if the relay had crashed after the commit, before sending.
            relayStandIn.setAutoCommit(false);
            try (Statement lock = relayStandIn.createStatement()) {
                lock.execute("select pg_advisory_xact_lock(" + RELAY_LOCK + ")");
            }
            id = ALICE.createLead();
            messageId = outboxMessageId(id);
            Thread.sleep(2_500); // more than two relay polls
            assertTrue(withKey(readUntil(r -> true, Duration.ofSeconds(10), Duration.ofMillis(500)), id).isEmpty(),
                    "sent while the relay was down");
            relayStandIn.rollback(); // the relay is back
        }
        List<ConsumerRecord<String, String>> first = withKey(
                readUntil(is(id, "crm.lead.created.v1"), Duration.ofSeconds(20), Duration.ZERO), id);
        assertEquals(messageId, header(first.get(0), "ce_id"));
        assertEquals(0, Db.count("select count(*) from outbox_message where message_key = '" + id + "'"));

        // A crash between Kafka's acknowledgement and the delete leaves the row: it is sent again, same ce_id.
        Db.execute("insert into outbox_message (message_id, topic, message_key, type, payload, created_at) "
                + "values ('" + messageId + "', 'crm.lead.events', '" + id + "', 'crm.lead.created.v1', '"
                + first.get(0).value().replace("'", "''") + "', now())");
        await().atMost(Duration.ofSeconds(20)).until(() -> withKey(
                readUntil(is(id, "crm.lead.created.v1"), Duration.ofSeconds(10), Duration.ofMillis(300)), id).size() == 2);
        List<ConsumerRecord<String, String>> both = withKey(
                readUntil(is(id, "crm.lead.created.v1"), Duration.ofSeconds(10), Duration.ofMillis(300)), id);
        assertEquals(List.of(messageId, messageId), both.stream().map(r -> header(r, "ce_id")).toList());
    }

    private static String outboxMessageId(String leadId) throws Exception {
        try (Connection c = Db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select message_id from outbox_message where message_key = '" + leadId + "'")) {
            assertTrue(rs.next(), "the event waits in the outbox");
            return rs.getString(1);
        }
    }
}
