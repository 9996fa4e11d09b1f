package com.acme.crm.common.support;

import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.inbox.ConsumerDispatcher;
import com.acme.crm.common.inbox.Handling;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.PermanentFailure;
import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.common.persistence.WriteBehind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A consumer like the services' own (batches through ConsumerDispatcher), on a test-only channel: what it does depends on the command's type. */
@ApplicationScoped
public class TestCommandConsumer {

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    private static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();
    private static final Map<String, CompletableFuture<Void>> HELD = new ConcurrentHashMap<>();
    private static volatile boolean poisonFixed;

    @Inject
    ConsumerDispatcher dispatcher;

    @Inject
    IncomingMessages messages;

    @Inject
    Outbox outbox;

    @Inject
    JsonRows jsonRows;

    /** Where each effect is announced, keyed by the command's id. */
    public static final String EFFECTS_TOPIC = "crm.test.effects";

    /** How often the work of command {@code id} was started. */
    public static int attempts(String id) {
        AtomicInteger count = ATTEMPTS.get(id);
        return count == null ? 0 : count.get();
    }

    /** A new version of the handler is deployed: poison messages can be processed from now on. */
    public static void fixPoison() {
        poisonFixed = true;
    }

    /** The work of the {@code HANG} command {@code id} will not end until {@link #release}: held before it is sent. */
    public static void hold(String id) {
        HELD.put(id, new CompletableFuture<>());
    }

    /** Lets the held work of command {@code id} end (and its batch commit). */
    public static void release(String id) {
        CompletableFuture<Void> held = HELD.remove(id);
        if (held != null) {
            held.complete(null);
        }
    }

    /** The size of every batch the channel handed over, in order. */
    public static List<Integer> batchSizes() {
        return List.copyOf(BATCH_SIZES);
    }

    @Incoming("test-commands")
    public Uni<Void> on(List<String> data, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        BATCH_SIZES.add(data.size());
        return dispatcher.dispatch(batch, this::handling);
    }

    private Handling handling(IncomingCloudEventMetadata<String> event) {
        String type = event.getType();
        String data = event.getData();
        if (type.equals(TestCommand.REJECTED.name())) {
            return new Handling.OnceOrReject(() -> {
                TestCommand command = start(data);
                throw new PermanentFailure("name too long for " + command.id());
            }, reason -> effect(event, messages.read(data, TestCommand.REJECTED).id(), "rejected: " + reason));
        }
        if (type.equals(TestCommand.UNDO.name())) {
            return new Handling.UntilDone(() -> {
                TestCommand command = start(data);
                if (attempts(command.id()) <= command.failTimes()) {
                    return Uni.createFrom().failure(new IllegalStateException("undo not possible yet"));
                }
                return effect(event, command.id(), "undone");
            });
        }
        if (type.equals(TestCommand.POISON.name())) {
            return new Handling.Once(() -> {
                TestCommand command = start(data);
                if (!poisonFixed) {
                    throw new PermanentFailure("this version cannot handle " + command.id());
                }
                return effect(event, command.id(), "done");
            });
        }
        if (type.equals(TestCommand.COUNT.name())) {
            return new Handling.Once(() -> {
                TestCommand command = start(data);
                return Panache.getSession().chain(session -> session
                                .createNativeQuery("select count(*) from test_effect where command_id = :c", Long.class)
                                .setParameter("c", command.id())
                                .getSingleResult())
                        .chain(seen -> effect(event, command.id(), "after " + seen));
            });
        }
        if (type.equals(TestCommand.HANG.name())) {
            return new Handling.Once(() -> {
                TestCommand command = start(data);
                CompletableFuture<Void> held = HELD.get(command.id());
                if (held == null) { // not held (e.g. redelivered to a later test application): ends at once
                    return effect(event, command.id(), "done");
                }
                Context context = Vertx.currentContext(); // the batch goes on where it ran, as Hibernate Reactive requires
                // a stage of its own for each attempt: cancelling it (a time-out) must not complete the held one
                return Uni.createFrom().completionStage(held.thenApply(released -> released))
                        .emitOn(task -> context.runOnContext(ignored -> task.run()))
                        .chain(() -> effect(event, command.id(), "done after release"));
            });
        }
        if (type.equals(TestCommand.TOUCH.name())) {
            return new Handling.Once(() -> {
                TestCommand command = start(data);
                return Panache.getSession().chain(session -> session
                                .createNativeQuery("update test_effect set outcome = outcome where command_id = :c and message_id = :m")
                                .setParameter("c", command.id())
                                .setParameter("m", TestCommand.LOCKED_ROW)
                                .executeUpdate())
                        .chain(() -> effect(event, command.id(), "done"));
            });
        }
        if (type.equals(TestCommand.BY_STATE.name())) {
            return new Handling.IdempotentByState(new Handling.Once(() -> {
                TestCommand command = start(data);
                if (attempts(command.id()) <= command.failTimes()) {
                    return Uni.createFrom().failure(new PgException("terminating connection due to administrator command",
                            "FATAL", "57P01", null));
                }
                return Panache.getSession().chain(session -> session
                                .createNativeQuery("select count(*) from test_effect where command_id = :c", Long.class)
                                .setParameter("c", command.id())
                                .getSingleResult())
                        .chain(seen -> seen > 0 ? Uni.createFrom().voidItem() : effect(event, command.id(), "done"));
            }));
        }
        if (type.equals(TestCommand.BUFFERED.name())) {
            // a work that ends at once, as the services' batch works do: its row queued, no Uni; a failure is thrown
            return new Handling.Once(() -> {
                TestCommand command = start(data);
                if (attempts(command.id()) <= command.failTimes()) {
                    throw new PgException("terminating connection due to administrator command", "FATAL", "57P01", null);
                }
                WriteBehind.queue(bufferedEffects, new Effect(event.getId(), command.id(), "done"));
                outbox.queue(EFFECTS_TOPIC, command.id(), "test.effect", Map.of("outcome", "done"));
                return InOrder.DONE;
            });
        }
        if (type.equals(TestCommand.BAD_ROW.name())) {
            return new Handling.Once(() -> {
                TestCommand command = start(data);
                WriteBehind.queue(bufferedEffects, new Effect(event.getId(), command.id(), null)); // outcome is not null
                outbox.queue(EFFECTS_TOPIC, command.id(), "test.effect", Map.of("outcome", "bad row"));
                return InOrder.DONE;
            });
        }
        return new Handling.Once(() -> {
            TestCommand command = start(data);
            if (attempts(command.id()) <= command.failTimes()) {
                return Uni.createFrom().failure(new PgException("terminating connection due to administrator command",
                        "FATAL", "57P01", null));
            }
            return effect(event, command.id(), "done");
        });
    }

    private TestCommand start(String data) {
        TestCommand command = messages.read(data, TestCommand.FLAKY);
        ATTEMPTS.computeIfAbsent(command.id(), id -> new AtomicInteger()).incrementAndGet();
        return command;
    }

    /** An effect's row as the buffered insert reads it from JSON. */
    record Effect(String messageId, String commandId, String outcome) {
    }

    /** Joinable, as the services' writers: written in one statement with the batch's outbox rows. */
    private final WriteBehind.Joinable<Effect> bufferedEffects = (session, rows) -> jsonRows.statement("""
            insert into test_effect (message_id, command_id, outcome)
            select r ->> 'messageId', r ->> 'commandId', r ->> 'outcome'
            from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) as given(r)""", rows);

    /** The effect's row, and its message through the outbox (written at the end of the batch's transaction). */
    private Uni<Void> effect(IncomingCloudEventMetadata<String> event, String commandId, String outcome) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into test_effect (message_id, command_id, outcome) values (:m, :c, :o)")
                .setParameter("m", event.getId())
                .setParameter("c", commandId)
                .setParameter("o", outcome)
                .executeUpdate())
                .chain(() -> outbox.publish(EFFECTS_TOPIC, commandId, "test.effect", Map.of("outcome", outcome)));
    }
}
