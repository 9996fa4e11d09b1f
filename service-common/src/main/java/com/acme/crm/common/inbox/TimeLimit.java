package com.acme.crm.common.inbox;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The time limit on a consumer transaction's work ({@code crm.consumer.time-limit}): a batch's (its inbox records,
 * preparation and every message's work) in {@link ConsumerDispatcher}, and each attempt at a message handled on its own
 * in {@link IdempotentConsumer}. Past it the work fails with {@link HandlingTimedOut} inside its transaction, so the
 * transaction ends the way a failed one does: Hibernate Reactive rolls it back (Vert.x sends the ROLLBACK once a statement
 * in flight has ended, which the pool's lock_timeout and statement_timeout bound) and only then closes the session, which
 * hands the connection back to the pool with no transaction open. The transaction itself is never cancelled: cancelling
 * Panache's {@code withTransaction} closes the session first, Hibernate Reactive refuses to close a connection with a live
 * transaction, and the connection never returns to the pool. The failure then goes where every failure of a batch or
 * message goes (split, retried, set aside: {@link RetryDecision}). The limits it must agree with are checked at start-up
 * ({@link HandlingLimits}); 0 switches it off.
 *
 * <p>Why the pool's {@code transaction_timeout} is below the limit: were the limit to strike while Hibernate Reactive is in
 * the middle of a chain of statements of its own (a flush of several entities), Vert.x would send the ROLLBACK as soon as
 * the statement in flight ended, and the chain's next statement would run after it outside any transaction. The work's
 * transaction began before the limit's timer started, so by the time the timer fires PostgreSQL has ended that
 * transaction's session: a statement in flight then fails, nothing of the transaction is committed, and the pool drops
 * the connection. The limit itself is still what ends a hang outside the database (a Uni that never resolves).
 */
@ApplicationScoped
public class TimeLimit {

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "crm.consumer.time-limit")
    Duration limit;

    @ConfigProperty(name = "quarkus.datasource.reactive.additional-properties.lock_timeout")
    Optional<String> lockTimeout;

    @ConfigProperty(name = "quarkus.datasource.reactive.additional-properties.statement_timeout")
    Optional<String> statementTimeout;

    @ConfigProperty(name = "quarkus.datasource.reactive.additional-properties.transaction_timeout")
    Optional<String> transactionTimeout;

    @ConfigProperty(name = "crm.consumer.watchdog.stuck-after")
    Duration stuckAfter;

    void check(@Observes StartupEvent event) {
        new HandlingLimits(limit, HandlingLimits.postgresTime(lockTimeout.orElse(null)),
                HandlingLimits.postgresTime(statementTimeout.orElse(null)),
                HandlingLimits.postgresTime(transactionTimeout.orElse(null)), stuckAfter);
    }

    /**
     * {@code work}, failed with {@link HandlingTimedOut} (and cancelled) when it has not ended within the limit. Call it
     * inside the transaction, on its Vert.x context: the timer is Vert.x's and fires there, so the rollback runs where
     * Hibernate Reactive requires it. (Mutiny's own {@code ifNoItem()} fires on a worker thread: the rollback then fails
     * with HR000068 and the connection stays idle in transaction, as a throwaway test showed; docs/performance.md.)
     */
    public <T> Uni<T> bound(Supplier<Uni<T>> work) {
        if (limit.isZero()) {
            return Uni.createFrom().deferred(() -> work.get());
        }
        return Uni.createFrom().deferred(() -> {
            Uni<T> expiry = Uni.createFrom().emitter(emitter -> {
                long timer = vertx.setTimer(limit.toMillis(), id -> emitter.fail(new HandlingTimedOut(limit)));
                emitter.onTermination(() -> vertx.cancelTimer(timer));
            });
            return Uni.join().first(work.get(), expiry).toTerminate();
        });
    }
}
