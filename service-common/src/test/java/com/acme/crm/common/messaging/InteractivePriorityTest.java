package com.acme.crm.common.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wiring of {@link BulkYield} on a real Vert.x: who waits for whom, and that a wait always ends. */
class InteractivePriorityTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        vertx.close();
    }

    private InteractivePriority priority(Duration maxPause) {
        InteractivePriority priority = new InteractivePriority();
        priority.vertx = vertx;
        priority.metrics = metrics;
        priority.maxPause = maxPause;
        return priority;
    }

    private static Uni<Void> marking(AtomicBoolean started) {
        return Uni.createFrom().voidItem().invoke(() -> started.set(true));
    }

    @Test
    void aBulkBatchStartsOnlyOnceTheInteractiveBatchInFlightHasEnded() throws Exception {
        InteractivePriority priority = priority(Duration.ofSeconds(30));
        CompletableFuture<Void> interactiveWork = new CompletableFuture<>();
        priority.inTurn(true, () -> Uni.createFrom().completionStage(interactiveWork)).subscribe().with(ok -> { });

        AtomicBoolean bulkStarted = new AtomicBoolean();
        AtomicBoolean bulkDone = new AtomicBoolean();
        vertx.runOnContext(ignored -> priority.inBulkTurn(() -> marking(bulkStarted)).subscribe().with(ok -> bulkDone.set(true)));
        Thread.sleep(200);
        assertFalse(bulkStarted.get(), "gave way while the interactive batch ran");

        interactiveWork.complete(null);
        await().atMost(Duration.ofSeconds(5)).until(bulkDone::get);
        assertEquals(1.0, metrics.counter("crm.consumer.bulk.yields").count());
    }

    @Test
    void aBulkBatchGivesWayNoLongerThanItsPause() {
        InteractivePriority priority = priority(Duration.ofMillis(50));
        priority.inTurn(true, () -> Uni.createFrom().<Void>nothing()).subscribe().with(ok -> { }); // never ends

        AtomicBoolean bulkDone = new AtomicBoolean();
        vertx.runOnContext(ignored -> priority.inTurn(false, () -> Uni.createFrom().voidItem()).subscribe().with(ok -> bulkDone.set(true)));
        await().atMost(Duration.ofSeconds(5)).until(bulkDone::get);
    }

    @Test
    void withoutInteractiveWorkBulkBatchesAndInteractiveOnesNeverWait() {
        InteractivePriority priority = priority(Duration.ofSeconds(30));
        AtomicBoolean bulk = new AtomicBoolean();
        AtomicBoolean interactive = new AtomicBoolean();
        priority.inTurn(false, () -> marking(bulk)).await().indefinitely();
        priority.inTurn(true, () -> marking(interactive)).await().indefinitely();
        // a failed interactive batch ends too: it must not hold the bulk lane back
        try {
            priority.inTurn(true, () -> Uni.createFrom().failure(new IllegalStateException("failed"))).await().indefinitely();
        } catch (IllegalStateException expected) {
            // as thrown
        }
        priority.inTurn(false, () -> Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(1));
        assertTrue(bulk.get() && interactive.get());
        assertEquals(0.0, metrics.find("crm.consumer.bulk.yields").counters().stream().mapToDouble(c -> c.count()).sum());
    }
}
