package com.acme.crm.common.outbox;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestKafka;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC rule 6 on the real relay, broker and database: a message Kafka refuses is set aside with
 * its error and counted, every other message is delivered exactly once, and after the topic's
 * limit is raised the operator's replay delivers it once.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RefusedMessageTest {

    private static final String ADMIN = TestTokens.bearer("dave", "admin");
    private static final int BROKER_DEFAULT_LIMIT = 1_048_588;

    @Inject
    Outbox outbox;

    /** Rows written by hand, in one transaction, as the services' code would have written them. */
    private static void writeOutbox(String topic, String key, List<String> messageIds, List<String> payloads) throws Exception {
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into outbox_message (message_id, topic, message_key, type, payload, created_at)
                    values (?, ?, ?, 'crm.test.happened.v1', ?, ?)""")) {
                for (int i = 0; i < messageIds.size(); i++) {
                    insert.setString(1, messageIds.get(i));
                    insert.setString(2, topic);
                    insert.setString(3, key);
                    insert.setString(4, payloads.get(i));
                    insert.setObject(5, OffsetDateTime.now());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()));
    }

    @Test
    void aRefusedMessageIsSetAsideEverythingElseFlowsOnceAndTheReplayDeliversIt() throws Exception {
        String topic = "crm.test.refused-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
        }
        String key = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            ids.add(UUID.randomUUID().toString());
            payloads.add("{\"n\":" + i + "}");
        }
        String tooLarge = ids.get(5);
        payloads.set(5, "{\"notes\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"); // 2 MiB: over the topic's limit, under the producer's
        writeOutbox(topic, key, ids, payloads);

        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from outbox_message") == 0);
        assertEquals(List.of("outbox"), Db.strings("select source from set_aside_message where message_id = '" + tooLarge + "'"));
        String error = Db.strings("select error from set_aside_message where message_id = '" + tooLarge + "'").get(0);
        assertTrue(error.contains("RecordTooLargeException"), error);

        List<ConsumerRecord<String, String>> delivered = KafkaProbe.relayed(topic, key);
        List<String> deliveredIds = delivered.stream().map(r -> KafkaProbe.header(r, "ce_id")).toList();
        List<String> expected = new ArrayList<>(ids);
        expected.remove(tooLarge);
        assertEquals(expected, deliveredIds, "every other message exactly once, in order");

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crm_outbox_set_aside_total"))
                .body(containsString("crm_set_aside_messages"));
        double counted = Double.parseDouble(given().get("/q/metrics").asString().lines()
                .filter(line -> line.startsWith("crm_outbox_set_aside_total")).findFirst().orElseThrow()
                .replaceAll(".* ", ""));
        assertTrue(counted >= 1.0, "counted: " + counted);

        String setAsideId = Db.strings("select id from set_aside_message where message_id = '" + tooLarge + "'").get(0);
        given().header("Authorization", ADMIN).get("/ops/set-aside?limit=500").then().statusCode(200)
                .body("items.messageId", hasItem(tooLarge));
        given().header("Authorization", ADMIN).get("/ops/set-aside/" + setAsideId).then().statusCode(200)
                .body("source", equalTo("outbox"))
                .body("topic", equalTo(topic))
                .body("key", equalTo(key))
                .body("type", equalTo("crm.test.happened.v1"))
                .body("size", equalTo(payloads.get(5).length()))
                .body("error", containsString("RecordTooLargeException"));

        // the operator raises the topic's limit at runtime, then replays
        try (Admin admin = admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Map<ConfigResource, Collection<AlterConfigOp>> raise = Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", Integer.toString(4 * 1024 * 1024)), AlterConfigOp.OpType.SET)));
            admin.incrementalAlterConfigs(raise).all().get();
        }
        given().header("Authorization", ADMIN).post("/ops/set-aside/" + setAsideId + "/replay").then().statusCode(200)
                .body("replayed", equalTo(1));

        // the replay has put the row back into the outbox: once it is gone again, the topic holds all it will
        List<ConsumerRecord<String, String>> afterReplay = KafkaProbe.relayed(topic, key);
        assertEquals(0, Db.count("select count(*) from set_aside_message where message_id = '" + tooLarge + "'"));
        List<String> all = afterReplay.stream().map(r -> KafkaProbe.header(r, "ce_id")).toList();
        assertEquals(ids.size(), all.size(), "eleven records: " + all);
        assertEquals(Set.copyOf(ids), Set.copyOf(all), "each message exactly once");
        assertEquals(payloads.get(5).length(), afterReplay.stream()
                .filter(r -> tooLarge.equals(KafkaProbe.header(r, "ce_id"))).findFirst().orElseThrow().value().length());
    }

    @Test
    void aMessageOverTheProducersOwnLimitIsSetAsideToo() throws Exception {
        String topic = "crm.test.refused-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String huge = "{\"blob\":\"" + "z".repeat(9 * 1024 * 1024) + "\"}"; // over max.request.size (8 MiB)
        writeOutbox(topic, key, ids, List.of("{\"n\":0}", huge, "{\"n\":2}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from outbox_message") == 0);
        String error = Db.strings("select error from set_aside_message where message_id = '" + ids.get(1) + "'").get(0);
        assertTrue(error.contains("RecordTooLargeException") && error.contains("max.request.size"), error);
        assertEquals(List.of(ids.get(0), ids.get(2)), KafkaProbe.relayed(topic, key).stream()
                .map(r -> KafkaProbe.header(r, "ce_id")).toList());
    }

    @Test
    void aMessageLargerThanTheDesignLimitFailsTheTransactionThatWroteIt() {
        String huge = "y".repeat(600 * 1024);
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> outbox.publish("crm.test.events", "k", "crm.test.huge.v1", Map.of("text", huge)))));
        assertTrue(failure.getMessage().contains("crm.outbox.max-message-bytes=524288"), failure.getMessage());
        assertTrue(failure.getMessage().contains("crm.test.huge.v1"), failure.getMessage());
        assertEquals(0, Db.count("select count(*) from outbox_message where type = 'crm.test.huge.v1'"));
    }
}
