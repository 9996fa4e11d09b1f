package com.acme.crm.common.inbox;

import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.common.messaging.InteractivePriority;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.stages.MessageStages;
import com.acme.crm.common.warmup.WarmUpMessages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way every service consumes its Kafka channel: a whole poll (SmallRye's batch mode,
 * {@code mp.messaging.incoming.<channel>.batch=true}) in one transaction — the batch's inbox
 * records in one statement, then each new message's work in offset order, so one commit stands for
 * the batch and two messages of one lead see each other's changes. When the batch fails at a message, the messages before it are tried
 * again as a batch, the failing one goes on alone under {@link IdempotentConsumer}'s rules with
 * this failure as its first attempt (retried, rejected or set aside: a poison message is set aside
 * alone), and the rest follow as a batch. Nothing of a failed batch is committed, and the offsets
 * are committed only after the batch's Uni completes, so a crash anywhere redelivers the batch and
 * the inbox makes each message count once (or, for a type the service declares {@link Handling.IdempotentByState},
 * its own state does: no inbox record). A service may load for the whole batch before the works ({@link Preparation});
 * what the works write set-based waits in {@link WriteBehind}, as every buffered row does.
 * A batch's work has a time limit ({@link TimeLimit}), and so has each attempt at a message handled on its own: a hang
 * is a failure like any other, so a message that hangs every time is set aside alone after a few attempts
 * ({@link RetryDecision}) and its partition goes on. Every batch is also watched from its arrival until it ends
 * ({@link BatchWatchdog}): one that still does not end (what the limit cannot stop) is logged, counted and, once it makes
 * no progress, fails liveness.
 */
@ApplicationScoped
public class ConsumerDispatcher {

    private static final Logger LOG = Logger.getLogger(ConsumerDispatcher.class);
    private static final Preparation NO_PREPARATION = fresh -> Uni.createFrom().voidItem();

    /** What a service does for a batch as a whole before its messages' work (see the three-argument dispatch). */
    @FunctionalInterface
    public interface Preparation {
        /** @param toHandle the messages whose work will run: all but the repeats the inbox skips, in offset order */
        Uni<Void> of(List<IncomingCloudEventMetadata<String>> toHandle);
    }

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Inbox inbox;

    @Inject
    MessageStages stages;

    @Inject
    WarmUpMessages warmUps;

    @Inject
    InteractivePriority priority;

    @Inject
    BatchWatchdog watchdog;

    @Inject
    TimeLimit timeLimit;

    private Counter splits;

    void start(@Observes StartupEvent event, MeterRegistry metrics) {
        splits = Counter.builder("crm.consumer.batch.splits")
                .description("Batches that failed at a message and were split around it")
                .register(metrics);
    }

    /** One message of a batch, with how its service handles it. */
    private record Item(IncomingCloudEventMetadata<String> event, Handling handling) {
    }

    /** Which of its index the running batch transaction is at; -1 before the first work (the inbox) and once every work is done (the commit). */
    private static final class Position {
        int at = -1;
    }

    /**
     * @param batch the poll, as the connector hands it to a batch {@code @Incoming} method
     * @param route the service's handling of a message, from its CloudEvent (type and data); may
     *              throw {@link UnreadableMessageException} for data it cannot read
     */
    public Uni<Void> dispatch(IncomingKafkaRecordBatchMetadata<?, String> batch,
                              Function<IncomingCloudEventMetadata<String>, Handling> route) {
        return dispatch(batch, route, NO_PREPARATION);
    }

    /**
     * As {@link #dispatch(IncomingKafkaRecordBatchMetadata, Function)}, with {@code prepare} run in the batch's
     * transaction after its inbox records and before the first work, given the messages whose work will run (seen for
     * the first time, or idempotent by the service's state):
     * e.g. loading (and locking) in one statement what every work of the batch would load alone. It must not change
     * anything; a failure there makes each message go on alone, as a failed commit does.
     */
    public Uni<Void> dispatch(IncomingKafkaRecordBatchMetadata<?, String> batch,
                              Function<IncomingCloudEventMetadata<String>, Handling> route,
                              Preparation prepare) {
        // watched from here until it ends: a batch that never does is logged, counted and fails liveness (BatchWatchdog)
        return watchdog.watch(batch, running -> dispatch(batch, route, prepare, running));
    }

    @SuppressWarnings("unchecked")
    private Uni<Void> dispatch(IncomingKafkaRecordBatchMetadata<?, String> batch,
                               Function<IncomingCloudEventMetadata<String>, Handling> route,
                               Preparation prepare, RunningBatch running) {
        Runnable committed = stages.arrived(batch);
        List<Item> items = new ArrayList<>();
        Uni<Void> refused = Uni.createFrom().voidItem();
        for (Message<?> message : batch.getBatchedMessages()) {
            Optional<IncomingCloudEventMetadata<String>> event = message.getMetadata(IncomingCloudEventMetadata.class)
                    .map(metadata -> (IncomingCloudEventMetadata<String>) metadata);
            if (event.isEmpty()) {
                // no ce_id to count it once by: the channel's failure strategy (dead-letter topic) takes it
                refused = refused.chain(() -> Uni.createFrom().completionStage(
                        message.nack(new UnreadableMessageException("not a CloudEvent: no ce_* headers", null))));
                continue;
            }
            if (WarmUpMessages.isWarmUp(event.get())) {
                warmUps.arrived(batch.getChannel()); // a starting service's round trip (warmup/): nothing to do
                continue;
            }
            Handling handling = handlingOf(event.get(), route);
            if (handling instanceof Handling.NotForUs) {
                continue; // nothing to do and nothing to remember; the batch's offsets cover it
            }
            Optional<Context> trace = message.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext);
            items.add(new Item(event.get(), trace.isEmpty() ? handling : handling.around(work -> within(trace.get(), work))));
        }
        // a bulk batch gives way while interactive batches run (InteractivePriority)
        return refused.chain(() -> priority.inTurn(batch, () -> inOneTransaction(items, prepare, running))).invoke(committed);
    }

    /**
     * The work with the message's consumer span current (in single-record mode the connector does
     * that), so what it writes to the outbox continues the sender's trace; until the work ends, as
     * the span lives on the Vert.x context the batch runs on.
     */
    private static Supplier<Uni<Void>> within(Context trace, Supplier<Uni<Void>> work) {
        return () -> {
            Scope scope = trace.makeCurrent();
            Uni<Void> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                scope.close();
                throw e;
            }
            if (started == InOrder.DONE) { // it ended at once: so does its span's scope, with no operator for it
                scope.close();
                return InOrder.DONE;
            }
            return started.onTermination().invoke(scope::close);
        };
    }

    private static Handling handlingOf(IncomingCloudEventMetadata<String> event,
                                       Function<IncomingCloudEventMetadata<String>, Handling> route) {
        try {
            return route.apply(event);
        } catch (UnreadableMessageException unreadable) {
            // nobody to answer and nothing to retry (an undo that cannot be read must not hold up its partition)
            return Handling.refused(unreadable);
        }
    }

    private Uni<Void> inOneTransaction(List<Item> items, Preparation prepare, RunningBatch running) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Position position = new Position();
        // one unit: the works' outbox and history rows are written together at its end, and dropped if it fails; the work
        // within the time limit (inside the transaction: a time-out rolls it back like any failure, at the message it was at)
        return WriteBehind.inTransaction(() -> timeLimit.bound(() -> allOf(items, prepare, position, running)))
                .onFailure().recoverWithUni(failure -> split(items, prepare, position.at, failure, running));
    }

    /**
     * The batch's inbox records in one statement, then each new message's work in offset order; a repeat (of an
     * earlier poll, or twice in this one) is skipped. A message whose handling is idempotent by the service's state
     * ({@link Handling.IdempotentByState}) has no inbox record and is always handled (a batch of only such messages
     * writes no inbox statement). Position stays -1 while the inbox is written: a failure there
     * is not a message's, so the split handles each message on its own. The works go {@link InOrder}: most end at
     * once (their rows are in the session, their writes wait for the batch's end), and a batch can be a whole poll; a
     * work that returns {@link InOrder#DONE} costs the walk no subscription.
     */
    private Uni<Void> allOf(List<Item> items, Preparation prepare,
                            Position position, RunningBatch running) {
        List<String> ids = items.stream().filter(item -> item.handling().recordedInInbox())
                .map(item -> item.event().getId()).toList();
        return inbox.firstDeliveries(ids).call(firstTime -> {
            List<IncomingCloudEventMetadata<String>> toHandle = items.stream()
                    .filter(item -> !item.handling().recordedInInbox() || firstTime.contains(item.event().getId()))
                    .map(Item::event).toList();
            return toHandle.isEmpty() ? Uni.createFrom().voidItem() : prepare.of(toHandle);
        }).chain(firstTime -> InOrder.eachIndex(items.size(), index -> {
            Item item = items.get(index);
            position.at = index;
            running.progressed();
            if (item.handling().recordedInInbox() && !firstTime.remove(item.event().getId())) {
                LOG.debugf("skipping repeat of message %s (%s)", item.event().getId(), item.event().getType());
                return InOrder.DONE;
            }
            return item.handling().work().get();
        }).invoke(() -> position.at = -1));
    }

    /** Before the failing message as a batch, the failing one alone, after it as a batch; a failure outside the works: each alone. */
    private Uni<Void> split(List<Item> items, Preparation prepare,
                            int failedAt, Throwable failure, RunningBatch running) {
        splits.increment();
        if (failedAt < 0) {
            LOG.infof("a batch of %d message(s) failed outside a message's work (inbox, preparation or commit: %s);"
                    + " handling each on its own",
                    items.size(), FailureClassifier.reason(failure));
            return InOrder.each(items, item -> consumer.handle(item.event(), item.handling(), running::progressed));
        }
        Item failed = items.get(failedAt);
        LOG.debugf("batch of %d failed at message %s (%s); splitting around it", items.size(), failed.event().getId(),
                FailureClassifier.reason(failure));
        return inOneTransaction(items.subList(0, failedAt), prepare, running)
                .chain(() -> consumer.continueAfter(failed.event(), failed.handling(), failure, running::progressed))
                .chain(() -> inOneTransaction(items.subList(failedAt + 1, items.size()), prepare, running));
    }
}
