package com.acme.crm.common.messaging;

import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.Topics;
import com.google.common.collect.Iterables;
import io.netty.channel.EventLoopGroup;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.spi.VertxThreadFactory;
import io.vertx.core.spi.transport.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Which threads each lane's work runs on. The bulk lane's (its consumer batches, its outbox relay, the job runner's
 * windows) runs on event loops of its own, {@code crm.consumer.bulk-loops} threads beside Vert.x's (unset: as many as
 * Vert.x has); the interactive lane's stays on Vert.x's loops, with the HTTP requests, the pooled connections' I/O and
 * the Kafka consumers' hand-offs.
 *
 * <p>Why: a service has as many Vert.x event loops as cores (two here), and Vert.x hands them out round robin to the
 * Kafka consumers, the pool's connections and the relays, so a bulk consumer and the interactive one share a loop. A
 * loop runs its tasks one after another: a bulk batch's continuation (a poll's decisions, its set-based statements'
 * binding and results) holds it for milliseconds, and every interactive task queued behind it (the next step of an
 * interactive batch, a pooled connection's answer to it) waits that long, even while the other core is idle. On
 * threads of their own the OS shares the cores between the lanes at once (docs/performance.md, "Issue 9, fifteenth step").
 *
 * <p>Each user (a consumer channel, a relay) keeps one loop, handed out round robin, so its work stays on one thread as
 * it did; each call runs on a new duplicated context of that loop's (marked safe for Hibernate Reactive, as SmallRye
 * gives every message one), and its outcome comes back on the caller's context.
 *
 * <p>Written by hand: Quarkus and SmallRye offer a channel worker threads (on which Hibernate Reactive does not run),
 * not an event loop of its own; the loops are made with Vert.x's own transport and thread factory, as Vert.x makes its.
 */
@ApplicationScoped
public class LaneLoops {

    /** The bulk lane's loop threads are named this and a number. */
    static final String BULK_THREAD = "crm-bulk-loop-";

    private final VertxInternal vertx;
    private final int bulkLoops;
    private final Map<String, ContextInternal> homes = new ConcurrentHashMap<>();
    private volatile EventLoopGroup bulkGroup;

    @Inject
    public LaneLoops(Vertx vertx, @ConfigProperty(name = "crm.consumer.bulk-loops", defaultValue = "0") int bulkLoops) {
        this.vertx = (VertxInternal) vertx;
        // 0: as many as Vert.x has (Quarkus gives it one a core), so that the bulk lane keeps the parallelism it had
        this.bulkLoops = bulkLoops > 0 ? bulkLoops : Math.max(1, Iterables.size(this.vertx.getEventLoopGroup()));
    }

    /**
     * A consumer batch's handling on its lane's loop: a bulk channel's on the bulk loop the channel keeps, from its first
     * step (reading its messages) to its commit; an interactive channel's where it arrived, on the consumer's own
     * context (one of Vert.x's loops). Either way its outcome comes back on the caller's context.
     */
    public <T> Uni<T> forBatch(IncomingKafkaRecordBatchMetadata<?, ?> batch, Supplier<Uni<T>> handling) {
        return laneOf(batch) == Lane.INTERACTIVE ? Uni.createFrom().deferred(() -> handling.get())
                : run(Lane.BULK, batch.getChannel(), handling);
    }

    /** The lane of a consumer batch, by its topic: a batch is one channel's, and a channel one lane's. */
    public static Lane laneOf(IncomingKafkaRecordBatchMetadata<?, ?> batch) {
        for (ConsumerRecord<?, ?> record : batch.getRecords()) {
            return Topics.isInteractive(record.topic()) ? Lane.INTERACTIVE : Lane.BULK;
        }
        return Lane.BULK;
    }

    /**
     * {@code work}, subscribed on the loop of {@code lane} that {@code user} keeps (a new duplicated context of it), its
     * outcome emitted back on the caller's Vert.x context (if it has one).
     */
    public <T> Uni<T> run(Lane lane, String user, Supplier<Uni<T>> work) {
        Context caller = Vertx.currentContext();
        Context context = VertxContext.createNewDuplicatedContext(home(lane, user));
        VertxContextSafetyToggle.setContextSafe(context, true);
        Uni<T> there = Uni.createFrom().deferred(() -> work.get()).runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        return caller == null ? there : there.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private ContextInternal home(Lane lane, String user) {
        return homes.computeIfAbsent(lane + " " + user, key -> lane == Lane.BULK
                // a loop of the bulk lane's own group; a user of the interactive lane, one of Vert.x's (round robin)
                ? vertx.createEventLoopContext(bulkGroup().next(), vertx.getWorkerPool(), classLoader())
                : vertx.createEventLoopContext());
    }

    /** The bulk lane's loops (made at first use). */
    EventLoopGroup bulkGroup() {
        EventLoopGroup group = bulkGroup;
        if (group == null) {
            synchronized (this) {
                group = bulkGroup;
                if (group == null) {
                    group = newBulkGroup();
                    bulkGroup = group;
                }
            }
        }
        return group;
    }

    private EventLoopGroup newBulkGroup() {
        AtomicInteger threads = new AtomicInteger();
        EventLoopGroup group = vertx.transport().eventLoopGroup(Transport.IO_EVENT_LOOP_GROUP, bulkLoops, runnable -> {
            VertxThread thread = VertxThreadFactory.INSTANCE.newVertxThread(runnable, BULK_THREAD + threads.getAndIncrement(),
                    false, vertx.maxEventLoopExecTime(), vertx.maxEventLoopExecTimeUnit());
            thread.setDaemon(true); // never what keeps the JVM alive; closed with Vert.x below
            return thread;
        }, 50); // Vert.x's own I/O ratio for its event loops
        // closed with Vert.x, after everything that runs on Vert.x (consumers, relays, connections) has stopped
        vertx.addCloseHook(completion -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS)
                .addListener(done -> completion.complete()));
        return group;
    }

    private static ClassLoader classLoader() {
        ClassLoader own = Thread.currentThread().getContextClassLoader();
        return own != null ? own : LaneLoops.class.getClassLoader();
    }
}
