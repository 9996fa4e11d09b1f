package com.acme.crm.common.messaging;

import com.acme.crm.contracts.Topics;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where each lane's consumer batches run, on a real Vert.x: a bulk batch's handling on a loop of the bulk lane's own
 * (a duplicated context of its own, safe for Hibernate Reactive), its outcome back where it arrived; an interactive
 * batch's where it arrived; and, what that is for, an interactive task queued on the loop a bulk batch arrived on is
 * not held up by the bulk batch's handling.
 */
class LaneLoopsTest {

    private final Vertx vertx = Vertx.vertx();
    private final LaneLoops loops = new LaneLoops(vertx, 2);

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static IncomingKafkaRecordBatchMetadata<String, String> batchOf(String channel, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        ConsumerRecords<String, String> records = new ConsumerRecords<>(
                Map.of(partition, List.of(new ConsumerRecord<>(topic, 0, 0L, "k", "{}"))), Map.of());
        return new IncomingKafkaRecordBatchMetadata<>(records, channel, Map.of());
    }

    /** Where {@code batch}'s handling ran (its thread and context) and where its outcome came back, called on {@code arrival}. */
    private record Ran(String thread, Context context, Context outcome) {
    }

    private Ran handle(IncomingKafkaRecordBatchMetadata<String, String> batch, Context arrival) throws Exception {
        CompletableFuture<Ran> ran = new CompletableFuture<>();
        arrival.runOnContext(ignored -> {
            String[] thread = new String[1];
            Context[] context = new Context[1];
            loops.forBatch(batch, () -> {
                thread[0] = Thread.currentThread().getName();
                context[0] = Vertx.currentContext();
                return Uni.createFrom().voidItem();
            }).subscribe().with(ok -> ran.complete(new Ran(thread[0], context[0], Vertx.currentContext())), ran::completeExceptionally);
        });
        return ran.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBulkBatchIsHandledOnABulkLoopOfItsChannelAndItsOutcomeComesBackWhereItArrived() throws Exception {
        Context arrival = vertx.getOrCreateContext();
        Ran first = handle(batchOf("account-commands", Topics.ACCOUNT_COMMANDS), arrival);

        assertTrue(first.thread().startsWith(LaneLoops.BULK_THREAD), "ran on " + first.thread());
        assertTrue(VertxContext.isDuplicatedContext(first.context()), "a duplicated context of its own");
        assertTrue(VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(first.context()), "marked safe for Hibernate Reactive");
        assertEquals(arrival, first.outcome());

        Ran again = handle(batchOf("account-commands", Topics.ACCOUNT_COMMANDS), arrival);
        assertEquals(first.thread(), again.thread(), "a channel keeps its loop");
        assertNotEquals(first.context(), again.context(), "each batch a new duplicated context");
        Ran other = handle(batchOf("account-events", Topics.ACCOUNT_EVENTS), arrival);
        assertNotEquals(first.thread(), other.thread(), "channels are handed the loops round robin");
    }

    @Test
    void anInteractiveBatchIsHandledWhereItArrived() throws Exception {
        Context arrival = vertx.getOrCreateContext();
        Ran ran = handle(batchOf("account-commands-interactive", Topics.ACCOUNT_COMMANDS_INTERACTIVE), arrival);

        assertEquals(arrival, ran.context());
        assertTrue(ran.thread().startsWith("vert.x-eventloop-thread-"), "ran on " + ran.thread());
    }

    @Test
    void anInteractiveTaskOnTheLoopABulkBatchArrivedOnIsNotHeldUpByTheBulkBatch() throws Exception {
        Context shared = vertx.getOrCreateContext(); // the loop Vert.x handed both lanes' consumers
        long busy = TimeUnit.MILLISECONDS.toNanos(1_000);
        CompletableFuture<Void> bulkStarted = new CompletableFuture<>();
        CompletableFuture<Void> bulkDone = new CompletableFuture<>();
        // a bulk batch arrives, and its handling holds its thread a whole second (a long continuation, exaggerated)
        shared.runOnContext(ignored -> loops.forBatch(batchOf("account-commands", Topics.ACCOUNT_COMMANDS),
                () -> Uni.createFrom().voidItem().invoke(() -> {
                    bulkStarted.complete(null);
                    long until = System.nanoTime() + busy;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                })).subscribe().with(bulkDone::complete, bulkDone::completeExceptionally));
        bulkStarted.get(5, TimeUnit.SECONDS);

        // ...while it runs, an interactive batch arrives on the same loop
        long queued = System.nanoTime();
        CompletableFuture<Long> interactiveWaited = new CompletableFuture<>();
        shared.runOnContext(ignored -> loops.forBatch(batchOf("account-commands-interactive", Topics.ACCOUNT_COMMANDS_INTERACTIVE),
                () -> Uni.createFrom().voidItem()).subscribe().with(ok -> interactiveWaited.complete(System.nanoTime() - queued)));

        long waited = interactiveWaited.get(5, TimeUnit.SECONDS);
        assertTrue(waited < busy / 2, "the interactive batch waited " + TimeUnit.NANOSECONDS.toMillis(waited)
                + " ms behind the bulk batch's handling on its loop");
        bulkDone.get(5, TimeUnit.SECONDS);
    }
}
