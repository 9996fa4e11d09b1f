package com.acme.crm.common.inbox;

import com.acme.crm.common.inbox.FailureClassifier.Kind;
import com.acme.crm.common.inbox.RetryDecision.Policy;
import com.acme.crm.common.outbox.TraceParent;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.setaside.ConsumedMessage;
import com.acme.crm.common.setaside.SetAsideMessages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How every service handles an incoming message that must be handled on its own (a batch of
 * {@link ConsumerDispatcher} split around it): once per {@code ce_id}, in one transaction with the
 * id recorded in the inbox (or, for a handling idempotent by the service's state, {@link Handling.IdempotentByState},
 * without a record: a repeat is handled again and changes nothing), by its {@link Handling}: set aside or answered with a rejection when it
 * cannot succeed, or retried until done (a compensation). What a failure leads to is decided by {@link FailureClassifier}
 * and {@link RetryDecision}: a transient fault (database or broker away, a lost race) is retried
 * with a capped exponential backoff for as long as it lasts, so a database restart never loses a
 * message; a deterministic one is answered or set aside at once, and the partition goes on. An
 * attempt whose work does not end within {@link TimeLimit} fails as a time-out: a message that hangs
 * every time is set aside after a few, like a poison message, instead of holding its partition.
 * Every attempt runs on the message's Vert.x context (Hibernate Reactive requires it; Mutiny
 * would otherwise resubscribe on a timer thread).
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    @Inject
    Inbox inbox;

    @Inject
    SetAsideMessages setAside;

    @Inject
    TimeLimit timeLimit;

    @ConfigProperty(name = "crm.consumer.retry.first-backoff", defaultValue = "100ms")
    Duration firstBackoff;

    @ConfigProperty(name = "crm.consumer.retry.max-backoff", defaultValue = "10s")
    Duration maxBackoff;

    /** Attempts at a failure of unknown kind before it counts as deterministic. */
    @ConfigProperty(name = "crm.consumer.retry.unknown-attempts", defaultValue = "3")
    int unknownAttempts;

    /** Time-outs of a message (its batch's included) before it counts as one that hangs every time. */
    @ConfigProperty(name = "crm.consumer.retry.timed-out-attempts", defaultValue = "3")
    int timedOutAttempts;

    private final AtomicInteger retrying = new AtomicInteger();
    private Counter retries;

    void start(@Observes StartupEvent event, MeterRegistry metrics) {
        metrics.gauge("crm.consumer.retrying", retrying);
        retries = Counter.builder("crm.consumer.retries")
                .description("Failed attempts at a message that were tried again")
                .register(metrics);
    }

    /**
     * The message on its own: its work in a transaction with its inbox record, with {@code handling}'s failure rules;
     * {@code progress} runs as each attempt starts and as one fails (the batch's watchdog, RunningBatch, sees it move).
     */
    public Uni<Void> handle(IncomingCloudEventMetadata<?> event, Handling handling, Runnable progress) {
        return continueAfter(event, handling, null, progress);
    }

    /**
     * As {@link #handle}, where a first attempt already failed with {@code failure} (null: none yet),
     * e.g. inside a batch: that attempt counts, so a message that cannot succeed is not tried again.
     */
    public Uni<Void> continueAfter(IncomingCloudEventMetadata<?> event, Handling handling, Throwable failure,
                                   Runnable progress) {
        if (handling instanceof Handling.NotForUs) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        boolean recorded = handling.recordedInInbox();
        Handling rules = handling.rules();
        Supplier<Uni<Void>> work = () -> processOnce(event, recorded, rules.work());
        if (rules instanceof Handling.UntilDone) {
            return attempts(event, context, Policy.UNTIL_DONE, work, failure, progress);
        }
        Uni<Void> done = attempts(event, context, Policy.GIVE_UP_WHEN_DETERMINISTIC, work, failure, progress);
        if (rules instanceof Handling.OnceOrReject reject) {
            return done.onFailure().recoverWithUni(given -> {
                String reason = FailureClassifier.reason(given);
                LOG.infof("message %s (%s) rejected: %s", event.getId(), event.getType(), reason);
                return attempts(event, context, Policy.GIVE_UP_WHEN_DETERMINISTIC,
                        () -> processOnce(event, recorded, () -> reject.rejection().apply(reason)), null, progress)
                        .onFailure().recoverWithUni(rejectionFailure -> setAside(event, context, rejectionFailure, progress));
            });
        }
        return done.onFailure().recoverWithUni(given -> setAside(event, context, given, progress));
    }

    /**
     * The work in one transaction with the inbox record ({@code recorded}; none for a handling idempotent by the
     * service's state), within the time limit; a repeat of a recorded message is skipped.
     */
    private Uni<Void> processOnce(IncomingCloudEventMetadata<?> event, boolean recorded, Supplier<Uni<Void>> work) {
        if (!recorded) {
            return WriteBehind.inTransaction(() -> timeLimit.bound(work));
        }
        return WriteBehind.inTransaction(() -> timeLimit.bound(() -> firstDelivery(event)
                .chain(first -> first ? work.get() : Uni.createFrom().voidItem())));
    }

    /** Records the message id in the caller's transaction; false (logged) for a repeat of a processed message. */
    Uni<Boolean> firstDelivery(IncomingCloudEventMetadata<?> event) {
        return inbox.firstDelivery(event.getId()).invoke(first -> {
            if (!first) {
                LOG.debugf("skipping repeat of message %s (%s)", event.getId(), event.getType());
            }
        });
    }

    /** The message is kept for an operator, in a transaction of its own, without an inbox record (so a replay is processed). */
    private Uni<Void> setAside(IncomingCloudEventMetadata<?> event, Context context, Throwable failure, Runnable progress) {
        String reason = FailureClassifier.reason(failure);
        // the stack trace only where the cause is not already known (a bug, most likely; a time-out has none worth showing)
        LOG.errorf(FailureClassifier.classify(failure) == Kind.UNKNOWN ? failure : null,
                "message %s (%s) cannot be processed and is set aside for an operator"
                + " (GET /ops/set-aside, see docs/operations.md): %s", event.getId(), event.getType(), reason);
        ConsumedMessage message = consumed(event);
        return attempts(event, context, Policy.GIVE_UP_WHEN_DETERMINISTIC, () -> setAside.fromConsumer(message, reason), null,
                progress);
    }

    /**
     * {@code attempt} until it succeeds or {@link RetryDecision} gives up (then the last failure is
     * the result); each attempt subscribed on {@code context}. {@code alreadyFailed} (may be null)
     * is a first attempt made elsewhere, counted as such. {@code progress} runs as each attempt starts and fails.
     */
    private Uni<Void> attempts(IncomingCloudEventMetadata<?> event, Context context, Policy policy, Supplier<Uni<Void>> attempt,
                               Throwable alreadyFailed, Runnable progress) {
        RetryDecision decision = new RetryDecision(firstBackoff, maxBackoff, unknownAttempts, timedOutAttempts);
        Attempts state = new Attempts();
        Uni<Void> one = Uni.createFrom().deferred(() -> {
            progress.run();
            return attempt.get();
        });
        if (context != null) {
            one = one.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        Uni<Void> retried = one
                .onFailure().invoke(progress)
                .onFailure().call(failure -> failed(event, policy, decision, state, failure))
                .onFailure(failure -> state.again).retry().indefinitely();
        if (alreadyFailed != null) {
            Uni<Void> again = retried;
            retried = failed(event, policy, decision, state, alreadyFailed)
                    .chain(() -> state.again ? again : Uni.createFrom().failure(alreadyFailed));
        }
        return retried
                .onTermination().invoke(() -> {
                    if (state.waiting) {
                        state.waiting = false;
                        retrying.decrementAndGet();
                    }
                })
                .invoke(() -> {
                    if (state.count > 0) {
                        LOG.infof("message %s (%s) succeeded at attempt %d", event.getId(), event.getType(), state.count + 1);
                    }
                });
    }

    /** Counts a failed attempt, decides whether another follows, and pauses before it. */
    private Uni<Void> failed(IncomingCloudEventMetadata<?> event, Policy policy, RetryDecision decision, Attempts state,
                             Throwable failure) {
        state.count++;
        Kind kind = FailureClassifier.classify(failure);
        // an unknown failure or a time-out gets its few attempts however many transient ones came before
        int ofItsKind = switch (kind) {
            case UNKNOWN -> ++state.unknown;
            case TIMED_OUT -> ++state.timedOut;
            default -> state.count;
        };
        state.again = decision.retry(policy, kind, ofItsKind);
        if (!state.again) {
            return Uni.createFrom().voidItem();
        }
        Duration pause = decision.backoff(state.count);
        if (!state.waiting) {
            state.waiting = true;
            retrying.incrementAndGet();
        }
        retries.increment();
        logRetry(event, kind, state.count, pause, failure);
        return Uni.createFrom().voidItem().onItem().delayIt().by(pause);
    }

    private static void logRetry(IncomingCloudEventMetadata<?> event, Kind kind, int attempt, Duration pause, Throwable failure) {
        String text = "message %s (%s) failed at attempt %d (%s: %s); trying again in %d ms";
        Object[] args = {event.getId(), event.getType(), attempt, kind, FailureClassifier.reason(failure), pause.toMillis()};
        if (attempt < (kind == Kind.TRANSIENT ? 20 : 5)) {
            LOG.warnf(text, args);
        } else {
            LOG.errorf(text, args); // a long outage, or a compensation that keeps failing: someone should look
        }
    }

    private static ConsumedMessage consumed(IncomingCloudEventMetadata<?> event) {
        String topic = "unknown";
        String key = event.getSubject().orElse(null);
        if (event instanceof IncomingKafkaCloudEventMetadata<?, ?> kafka) {
            topic = kafka.getTopic();
            key = kafka.getKey() == null ? key : kafka.getKey().toString();
        }
        Instant createdAt = event.getTimeStamp().map(ZonedDateTime::toInstant).orElseGet(Instant::now);
        return new ConsumedMessage(event.getId(), topic, key, event.getType(),
                event.getData() == null ? "" : event.getData().toString(), createdAt, TraceParent.current());
    }

    /** Per message: failed attempts so far (of unknown kind, timed out), whether the last is tried again, whether it counts as waiting. */
    private static final class Attempts {
        int count;
        int unknown;
        int timedOut;
        volatile boolean again;
        boolean waiting;
    }
}
