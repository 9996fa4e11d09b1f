package com.acme.crm.common.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Idempotent consumer: remembers which message ids were processed, in the same transaction as
 * the change the message caused. Call it inside {@code @WithTransaction}.
 */
@ApplicationScoped
public class Inbox {

    @ConfigProperty(name = "crm.inbox.retention", defaultValue = "P7D")
    Duration retention;

    /** True the first time {@code messageId} is seen; from then on the caller's transaction holds it. */
    public Uni<Boolean> firstDelivery(String messageId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into processed_message (message_id) values (:id) on conflict do nothing")
                .setParameter("id", messageId)
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    /** Repeats come within minutes (redelivery after a crash or rebalance); a week covers them. */
    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> forgetOldIds() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("delete from processed_message where processed_at < now() - make_interval(secs => :secs)")
                .setParameter("secs", (double) retention.toSeconds())
                .executeUpdate())).replaceWithVoid();
    }
}
