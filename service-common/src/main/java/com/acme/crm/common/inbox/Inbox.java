package com.acme.crm.common.inbox;

import com.acme.crm.common.persistence.PlanCacheBypass;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Idempotent consumer: remembers which message ids were processed, in the same transaction as
 * the change the message caused. Call it inside {@code @WithTransaction}.
 */
@ApplicationScoped
public class Inbox {

    private static final String FIRST_DELIVERIES = """
            insert into processed_message (message_id)
            select id from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)) as given(id)
            on conflict do nothing
            returning message_id""";

    @Inject
    ObjectMapper json;

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
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>()); // nothing to record: no statement
        }
        if (messageIds.size() == 1) {
            String id = messageIds.get(0);
            return firstDelivery(id).map(first -> first ? new HashSet<>(List.of(id)) : new HashSet<>());
        }
        // one SQL text whatever the batch's size, once a batch (PlanCacheBypass); ce_id is any string, so the ids go as a
        // JSON array, bound as text (the reactive client would send a String bound to a jsonb parameter as one JSON string)
        return Panache.getSession().chain(session -> PlanCacheBypass.bind(
                                session.createNativeQuery(FIRST_DELIVERIES, String.class), "ids", toJson(messageIds))
                        .getResultList())
                .map(HashSet::new);
    }

    private String toJson(List<String> ids) {
        try {
            return json.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
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
