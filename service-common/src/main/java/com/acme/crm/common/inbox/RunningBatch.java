package com.acme.crm.common.inbox;

import io.micrometer.core.instrument.LongTaskTimer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;

/**
 * A consumer batch from the moment it reaches the dispatcher until it ends, as {@link BatchWatchdog} watches it: where it
 * comes from, when it started, and when it last made progress ({@link #progressed}, called by the dispatcher and
 * IdempotentConsumer). Observes only: nothing here changes what the batch does.
 */
public final class RunningBatch {

    private final String channel;
    private final Iterable<? extends ConsumerRecord<?, ?>> records;
    /** Built when first asked for: only a warning, its end line or the health check describes a batch. */
    private volatile BatchLane lane;
    private final long startedAt;
    private final LongTaskTimer.Sample sample;
    private volatile long progressedAt;
    /** Warnings logged so far, and whether it was reported stuck (the watchdog's check only writes them). */
    private volatile long warnings;
    private volatile boolean reportedStuck;

    RunningBatch(String channel, Iterable<? extends ConsumerRecord<?, ?>> records, long startedAt,
                 LongTaskTimer.Sample sample) {
        this.channel = channel;
        this.records = records;
        this.startedAt = startedAt;
        this.progressedAt = startedAt;
        this.sample = sample;
    }

    /** A message's work or an attempt at one has started, or an attempt has failed: the batch is not stuck. */
    public void progressed() {
        progressedAt = System.nanoTime();
    }

    public String channel() {
        return channel;
    }

    /** Its partitions, offsets and size (the records are the batch's own, which the connector keeps until it ends). */
    public BatchLane lane() {
        BatchLane described = lane;
        if (described == null) {
            described = BatchLane.of(channel, records);
            lane = described;
        }
        return described;
    }

    /** How long it has run at {@code now} (System.nanoTime). */
    Duration running(long now) {
        return Duration.ofNanos(now - startedAt);
    }

    /** How long it has been without progress at {@code now} (System.nanoTime). */
    Duration quiet(long now) {
        return Duration.ofNanos(now - progressedAt);
    }

    LongTaskTimer.Sample sample() {
        return sample;
    }

    long warnings() {
        return warnings;
    }

    void warned(long count) {
        warnings = count;
    }

    boolean reportedStuck() {
        return reportedStuck;
    }

    void reportStuck(boolean stuck) {
        reportedStuck = stuck;
    }
}
