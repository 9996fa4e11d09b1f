package com.acme.crm.common.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

    /**
     * The ids among {@code messageIds} seen for the first time, recorded in the caller's transaction with one
     * statement (a batch's ids: one round trip instead of one a message). An id listed twice is new at most once.
     * The set is the caller's to change.
     */
    public Uni<Set<String>> firstDeliveries(List<String> messageIds) {
        if (messageIds.size() == 1) {
            String id = messageIds.get(0);
            return firstDelivery(id).map(first -> first ? new HashSet<>(List.of(id)) : new HashSet<>());
        }
        // a parameter an id: ce_id is any string, so no delimiter can join them safely
        String values = IntStream.range(0, messageIds.size()).mapToObj(i -> "(:id" + i + ")").collect(Collectors.joining(","));
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery("insert into processed_message (message_id) values " + values
                    + " on conflict do nothing returning message_id", String.class);
            for (int i = 0; i < messageIds.size(); i++) {
                insert.setParameter("id" + i, messageIds.get(i));
            }
            return insert.getResultList();
        }).map(HashSet::new);
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
