package com.acme.crm.testinfra;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A test's hands on the real broker: send a CloudEvent (binary mode, as the services do) and
 * read what the services published, by key.
 */
public final class KafkaProbe {

    private static KafkaProducer<String, String> producer;

    private KafkaProbe() {
    }

    /** Sends {@code json} as a CloudEvent of {@code type} with the given {@code ce_id}; returns that id. */
    public static String send(String topic, String key, String type, String ceId, String json) {
        return send(topic, key, type, ceId, json, Map.of());
    }

    /** As {@link #send(String, String, String, String, String)}, with more headers (e.g. a {@code traceparent}). */
    public static String send(String topic, String key, String type, String ceId, String json, Map<String, String> headers) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
            record.headers()
                    .add("ce_specversion", bytes("1.0"))
                    .add("ce_id", bytes(ceId))
                    .add("ce_type", bytes(type))
                    .add("ce_source", bytes("/test"))
                    .add("content-type", bytes("application/json"));
            headers.forEach((name, value) -> record.headers().add(name, bytes(value)));
            producer().send(record).get();
            return ceId;
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * One producer for the whole test JVM (Kafka's producer is thread-safe): a new one per send cost a connection and
     * a metadata round trip each time, which tests sending dozens of commands paid in seconds.
     */
    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers(), "acks", "all"),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    public static String send(String topic, String key, String type, String json) {
        return send(topic, key, type, UUID.randomUUID().toString(), json);
    }

    /** A CloudEvent to send with others: its type, {@code ce_id} and JSON data. */
    public record Event(String type, String ceId, String json) {
        public Event(String type, String json) {
            this(type, UUID.randomUUID().toString(), json);
        }
    }

    /**
     * Sends {@code events} on one key in one produce request (one record batch), so the consumer's next poll takes
     * them all: a test of what one consumer batch does with them.
     */
    public static void sendTogether(String topic, String key, List<Event> events) {
        sendTogether(topic, events.stream().map(event -> new Keyed(key, event)).toList());
    }

    /** An event with the key it goes on. */
    public record Keyed(String key, Event event) {
    }

    /** As {@link #sendTogether(String, String, List)}, each event on its own key (a poll of several leads' messages). */
    public static void sendTogether(String topic, List<Keyed> keyed) {
        try (KafkaProducer<String, String> together = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers(),
                "acks", "all", "linger.ms", "1000"), new StringSerializer(), new StringSerializer())) {
            for (Keyed each : keyed) {
                Event event = each.event();
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, each.key(), event.json());
                record.headers()
                        .add("ce_specversion", bytes("1.0"))
                        .add("ce_id", bytes(event.ceId()))
                        .add("ce_type", bytes(event.type()))
                        .add("ce_source", bytes("/test"))
                        .add("content-type", bytes("application/json"));
                together.send(record);
            }
            together.flush();
        }
    }

    /** Every record on {@code topic} with {@code key} and matching {@code filter}, waiting until {@code expected} arrived. */
    public static List<ConsumerRecord<String, String>> await(String topic, String key, int expected,
                                                             Predicate<ConsumerRecord<String, String>> filter) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        TopicReader reader = TopicReader.of(topic);
        Instant deadline = Instant.now().plusSeconds(30);
        int read = 0;
        while (Instant.now().isBefore(deadline) && found.size() < expected) {
            List<ConsumerRecord<String, String>> arrived = reader.since(read, Duration.ofMillis(200));
            read += arrived.size();
            for (ConsumerRecord<String, String> record : arrived) {
                if (key.equals(record.key()) && filter.test(record)) {
                    PublicEventCheck.check(record);
                    found.add(record);
                }
            }
        }
        if (found.size() < expected) {
            throw new AssertionError("expected " + expected + " records with key " + key + " on " + topic + ", got " + found.size());
        }
        return found;
    }

    /** All records with {@code key} on {@code topic} that arrive within {@code wait} (for "nothing else came" checks). */
    public static List<ConsumerRecord<String, String>> collect(String topic, String key, Duration wait) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        TopicReader reader = TopicReader.of(topic);
        Instant deadline = Instant.now().plus(wait);
        int read = 0;
        while (Instant.now().isBefore(deadline)) {
            List<ConsumerRecord<String, String>> arrived = reader.since(read, Duration.ofMillis(200));
            read += arrived.size();
            for (ConsumerRecord<String, String> record : arrived) {
                if (key.equals(record.key())) {
                    PublicEventCheck.check(record);
                    found.add(record);
                }
            }
        }
        return found;
    }

    /**
     * All records with {@code key} on {@code topic}, once the service under test has sent every one it wrote: waits
     * until its outbox holds no row for that topic and key (the relay deletes a row after Kafka's acks), then reads
     * the topic to its end. For "nothing else came" checks after the work that writes them has committed (e.g. after
     * {@link ConsumerLag#awaitNone}): exact, and without {@link #collect}'s fixed wait.
     */
    public static List<ConsumerRecord<String, String>> relayed(String topic, String key) {
        String unsent = "select count(*) from outbox_message where topic = '" + quoted(topic) + "' and message_key = '"
                + quoted(key) + "'";
        Instant deadline = Instant.now().plusSeconds(30);
        while (Db.count(unsent) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the outbox still holds records with key " + key + " for " + topic + " after 30 s");
            }
            pause(Duration.ofMillis(50));
        }
        return onTopicNow(topic, key);
    }

    /**
     * All records with {@code key} on {@code topic} now: the topic read to its end offsets of this moment. For "nothing
     * came" checks of records that do not go through the outbox (a dead-letter topic), once the work that would have
     * sent them has ended: after {@link ConsumerLag#awaitNone}, since the failure strategy's send completes before the
     * batch commits its offsets. Exact, where {@link #collect} samples a window.
     */
    public static List<ConsumerRecord<String, String>> onTopicNow(String topic, String key) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        for (ConsumerRecord<String, String> record : TopicReader.of(topic).toEnd(Duration.ofSeconds(30))) {
            if (key.equals(record.key())) {
                PublicEventCheck.check(record);
                found.add(record);
            }
        }
        return found;
    }

    private static String quoted(String literal) {
        return literal.replace("'", "''");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Predicate<ConsumerRecord<String, String>> ofType(String ceType) {
        return record -> ceType.equals(header(record, "ce_type"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
