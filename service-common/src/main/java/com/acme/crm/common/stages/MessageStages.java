package com.acme.crm.common.stages;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a message's time goes on its way from one transaction to the next service's commit, as one
 * Micrometer timer per stage and topic (issue 9: time per stage of a single qualification; the
 * benchmark reads them from {@code /q/metrics} and prints their means):
 * <ul>
 * <li>{@code crm.outbox.wait}: from the outbox row's creation (in the writing transaction) until the relay reads it —
 * the rest of that transaction, its commit and the relay's wake-up;</li>
 * <li>{@code crm.outbox.send}: from the relay reading it until Kafka acknowledged it;</li>
 * <li>{@code crm.consumer.delivery}: from the record's timestamp (set by the producer when the relay hands it over)
 * until the consumer's batch reaches the dispatcher — broker, fetch, poll, connector. The timestamp has whole
 * milliseconds, so this reads ~0.5 ms high on average, and assumes the sender's clock is this one's (one machine);</li>
 * <li>{@code crm.consumer.batch}: from the batch reaching the dispatcher until its transaction committed (or, split,
 * its last part did) — the handling and the commit.</li>
 * </ul>
 * The two outbox stages overlap the end of the writer's batch (the row is created before its commit).
 */
@ApplicationScoped
public class MessageStages {

    private static final String TOPIC = "topic";

    @Inject
    MeterRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** The relay has just read a row created at {@code createdAt}; returns when it did, for {@link #sent}. */
    public long readFromOutbox(String topic, OffsetDateTime createdAt) {
        timer("crm.outbox.wait", "outbox row created → read by the relay", topic)
                .record(Math.max(0, ChronoUnit.MICROS.between(createdAt.toInstant(), Instant.now())), TimeUnit.MICROSECONDS);
        return System.nanoTime();
    }

    /** Kafka acknowledged the row read at {@code readAt} ({@link #readFromOutbox}). */
    public void sent(String topic, long readAt) {
        timer("crm.outbox.send", "outbox row read by the relay → acknowledged by Kafka", topic)
                .record(System.nanoTime() - readAt, TimeUnit.NANOSECONDS);
    }

    /**
     * A batch has reached the dispatcher: records each record's delivery and returns what to run once the batch's
     * transaction has committed.
     */
    public Runnable arrived(IncomingKafkaRecordBatchMetadata<?, ?> batch) {
        long arrived = System.nanoTime();
        Instant now = Instant.now();
        String topic = null;
        Timer delivery = null;
        for (ConsumerRecord<?, ?> record : batch.getRecords()) {
            if (!record.topic().equals(topic)) { // a poll's records are of one topic, most often: one look-up for them
                topic = record.topic();
                delivery = timer("crm.consumer.delivery", "record's timestamp (the producer's send) → its batch at the dispatcher",
                        topic);
            }
            delivery.record(Math.max(0, ChronoUnit.MICROS.between(Instant.ofEpochMilli(record.timestamp()), now)),
                    TimeUnit.MICROSECONDS);
        }
        if (topic == null) {
            return () -> { };
        }
        Timer handled = timer("crm.consumer.batch", "batch at the dispatcher → its transaction committed", topic);
        return () -> handled.record(Duration.ofNanos(System.nanoTime() - arrived));
    }

    private Timer timer(String name, String description, String topic) {
        return timers.computeIfAbsent(name + '\n' + topic,
                key -> Timer.builder(name).description(description).tag(TOPIC, topic).register(registry));
    }
}
