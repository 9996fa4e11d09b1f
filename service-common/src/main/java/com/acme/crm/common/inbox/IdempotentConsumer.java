package com.acme.crm.common.inbox;

import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every service handles an incoming message: once per {@code ce_id}, in one transaction
 * with the id recorded in the inbox, retrying transient failures a bounded number of times.
 * A message that still fails (or cannot be read at all) fails the returned Uni, and the
 * channel's dead-letter strategy moves it aside so the partition goes on.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final int ATTEMPTS = 5;

    @Inject
    Inbox inbox;

    public Uni<Void> once(IncomingCloudEventMetadata<?> event, Supplier<Uni<Void>> work) {
        // retries are resubscribed from a timer thread; Hibernate Reactive must run on the message's Vert.x context
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> inbox.firstDelivery(event.getId())
                        .chain(first -> {
                            if (!first) {
                                LOG.debugf("skipping repeat of message %s (%s)", event.getId(), event.getType());
                                return Uni.createFrom().voidItem();
                            }
                            return work.get();
                        }))
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                .onFailure().invoke(failure -> LOG.warnf("message %s (%s) failed: %s", event.getId(), event.getType(), failure))
                .onFailure(failure -> !(failure instanceof UnreadableMessageException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(3)).atMost(ATTEMPTS)
                .onFailure().invoke(failure -> LOG.errorf(failure,
                        "message %s (%s) failed; it goes to the dead-letter topic", event.getId(), event.getType()));
    }

    /**
     * A command whose failure for a reason that will not change on retry (SPEC rule 7) is answered
     * at once: {@code rejection} gets a clear reason and runs in a transaction of its own (with the
     * message id recorded), typically publishing the step's "rejected" reply. Transient faults are
     * retried. STUB: the contract is fixed, the behaviour is being built (issue 8).
     */
    public Uni<Void> once(IncomingCloudEventMetadata<?> event, Supplier<Uni<Void>> work, Function<String, Uni<Void>> rejection) {
        return once(event, work);
    }

    /**
     * A compensation (SPEC rule 8): retried, with a bounded backoff, until it succeeds; never
     * dead-lettered. STUB: the contract is fixed, the behaviour is being built (issue 8).
     */
    public Uni<Void> untilDone(IncomingCloudEventMetadata<?> event, Supplier<Uni<Void>> work) {
        return once(event, work);
    }
}
