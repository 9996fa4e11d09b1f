package com.acme.crm.common.outbox;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the outbox puts on Kafka, on the real relay, broker and database: the record of a row is the CloudEvent the
 * SmallRye channel wrote when the relay sent through it (the same headers in the same order with the same bytes, key
 * and value; taken from the channel's records before the relay sent by itself), and a payload arrives byte for byte
 * as the service wrote it, whatever it holds (escapes, non-ASCII, a key order and spacing jsonb would change).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OutboxRecordOnTheWireTest {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    /** Data that a JSON round trip through jsonb, or a second escaping, would not give back as written. */
    record Tricky(String zeta, String text, BigDecimal amount, long big, @JsonRawValue String spaced, List<Object> list,
                  Map<String, Object> nested, String alpha) {
    }

    private static List<String> headers(ConsumerRecord<String, String> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void aRowGoesOutAsTheCloudEventTheChannelWrote() throws Exception {
        String topic = "crm.test.wire-" + UUID.randomUUID().toString().substring(0, 8) + ".interactive";
        String id = UUID.randomUUID().toString();
        String traced = UUID.randomUUID().toString();
        String payload = "{\"b\":1, \"a\":\"é\\\"\"}";
        try (Connection c = Db.connect(); PreparedStatement insert = c.prepareStatement("""
                insert into outbox_message (message_id, topic, message_key, type, payload, created_at, traceparent)
                values (?, ?, 'the-key', 'crm.test.happened.v1', ?, ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, topic);
            insert.setString(3, payload);
            insert.setObject(4, OffsetDateTime.parse("2026-11-27T20:01:02.1234+01:00"));
            insert.setString(5, null);
            insert.addBatch();
            insert.setString(1, traced);
            insert.setString(2, topic);
            insert.setString(3, payload);
            insert.setObject(4, OffsetDateTime.parse("2026-11-27T20:01:03Z"));
            // written while tracing was on; this application runs with it off, so no header (as the channel did)
            insert.setString(5, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            insert.addBatch();
            insert.executeBatch();
        }

        List<ConsumerRecord<String, String>> records = KafkaProbe.await(topic, "the-key", 2, record -> true);
        assertEquals(List.of("content-type=application/json", "ce_specversion=1.0", "ce_id=" + id,
                "ce_type=crm.test.happened.v1", "ce_source=/service-common-test", "ce_subject=the-key",
                "ce_time=2026-11-27T19:01:02.1234Z"), headers(records.get(0)));
        assertEquals(List.of("content-type=application/json", "ce_specversion=1.0", "ce_id=" + traced,
                "ce_type=crm.test.happened.v1", "ce_source=/service-common-test", "ce_subject=the-key",
                "ce_time=2026-11-27T20:01:03Z"), headers(records.get(1)));
        for (ConsumerRecord<String, String> record : records) {
            assertEquals("the-key", record.key());
            assertEquals(payload, record.value());
        }
    }

    @Test
    void aPayloadArrivesByteForByteAsTheServiceWroteIt() throws Throwable {
        String topic = "crm.test.wire-" + UUID.randomUUID().toString().substring(0, 8) + ".interactive";
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", null);
        nested.put("y", List.of(true, 1.5e300, -0.0));
        nested.put("x", "line\nbreak\ttab\u0001control\u0000nul"); // NUL: the escape \u0000, which PostgreSQL json cannot read as text
        Tricky data = new Tricky("first key, sorted last by jsonb",
                "quotes \" and \\ backslashes \\\" , emoji \uD83D\uDE80, </script>, U+2028 \u2028 and U+2029 \u2029, é, 中文",
                new BigDecimal("12345678901234567890.12345"), Long.MAX_VALUE,
                "{ \"spaced\" : [1, 2.50, 1e3] , \"dup\":1, \"dup\":2 }", List.of("a", 2, List.of()), nested, "last");
        String written = json.writeValueAsString(data);
        assertTrue(written.contains("{ \"spaced\" : [1, 2.50, 1e3] , \"dup\":1, \"dup\":2 }")
                && written.contains("12345678901234567890.12345") && written.contains("\u2028"), written);

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                outbox.publish(topic, "tricky", "crm.test.happened.v1", data)));

        ConsumerRecord<String, String> record = KafkaProbe.await(topic, "tricky", 1, r -> true).get(0);
        assertEquals(written, record.value());
        assertEquals(written.getBytes(StandardCharsets.UTF_8).length,
                record.serializedValueSize(), "the same bytes, not only the same characters");
    }
}
