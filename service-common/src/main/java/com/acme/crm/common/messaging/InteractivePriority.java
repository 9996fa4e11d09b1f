package com.acme.crm.common.messaging;

import com.acme.crm.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Interactive batches first within a service: counts the interactive lane's batches in flight, and has a bulk batch
 * wait before it starts while there are any ({@link BulkYield} decides; woken when the last one ends, or when its
 * pause is up). Bulk batches already running are not interrupted. Counted in {@code crm_consumer_bulk_yields_total}.
 */
@ApplicationScoped
public class InteractivePriority {

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "crm.consumer.bulk-yield.max-pause", defaultValue = "100ms")
    Duration maxPause;

    private final AtomicInteger interactiveInFlight = new AtomicInteger();
    private final Queue<Runnable> giving = new ConcurrentLinkedQueue<>();
    private volatile Counter yields;

    /** {@code batch}'s work, in its turn: an interactive batch at once (counted while it runs), a bulk one maybe after a pause. */
    public <T> Uni<T> inTurn(IncomingKafkaRecordBatchMetadata<?, ?> batch, Supplier<Uni<T>> work) {
        return inTurn(isInteractive(batch), work);
    }

    /**
     * Bulk work that is not a consumer batch (a bulk job's window of starts, lead-service's {@code BulkJobRunner}) in
     * its turn: it gives way like a bulk batch. Call it on the Vert.x context the work must run on.
     */
    public <T> Uni<T> inBulkTurn(Supplier<Uni<T>> work) {
        return inTurn(false, work);
    }

    <T> Uni<T> inTurn(boolean interactive, Supplier<Uni<T>> work) {
        if (interactive) {
            return Uni.createFrom().deferred(() -> {
                interactiveInFlight.incrementAndGet();
                return work.get();
            }).onTermination().invoke(this::interactiveEnded);
        }
        BulkYield.Turn turn = new BulkYield(maxPause).decide(interactiveInFlight.get(), Duration.ZERO);
        return turn.go() ? work.get() : giveWay(turn.pause()).chain(() -> work.get());
    }

    private static boolean isInteractive(IncomingKafkaRecordBatchMetadata<?, ?> batch) {
        for (ConsumerRecord<?, ?> record : batch.getRecords()) {
            return Topics.isInteractive(record.topic()); // a batch is one channel's, and a channel one lane's
        }
        return false;
    }

    private void interactiveEnded() {
        if (interactiveInFlight.decrementAndGet() == 0) {
            Runnable resume;
            while ((resume = giving.poll()) != null) {
                resume.run();
            }
        }
    }

    /** Completes on the caller's Vert.x context once no interactive batch is in flight, or after {@code pause}. */
    private Uni<Void> giveWay(Duration pause) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(done -> {
            yieldsCounter().increment();
            AtomicBoolean resumed = new AtomicBoolean();
            long[] timer = {-1};
            Runnable resume = () -> {
                if (resumed.compareAndSet(false, true)) {
                    if (timer[0] >= 0) {
                        vertx.cancelTimer(timer[0]);
                    }
                    if (context == null) {
                        done.complete(null);
                    } else {
                        context.runOnContext(ignored -> done.complete(null));
                    }
                }
            };
            giving.add(resume);
            timer[0] = vertx.setTimer(Math.max(1, pause.toMillis()), fired -> resume.run());
            if (interactiveInFlight.get() == 0) { // the last one ended between the decision and now
                resume.run();
            }
        });
    }

    private Counter yieldsCounter() {
        if (yields == null) {
            yields = Counter.builder("crm.consumer.bulk.yields")
                    .description("Bulk batches that waited before starting while interactive batches were in flight")
                    .register(metrics);
        }
        return yields;
    }
}
