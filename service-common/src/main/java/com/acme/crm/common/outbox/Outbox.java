package com.acme.crm.common.outbox;

import com.acme.crm.contracts.MessageType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * The only way a service sends anything to Kafka: the message is stored in the caller's
 * transaction and the {@link OutboxRelay} sends it after commit. Call it inside
 * {@code @WithTransaction}.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper json;

    /** Stores a message of a public event type (a {@code ce_type} name) for {@code topic}, keyed by {@code key}. */
    public Uni<Void> publish(String topic, Object key, String type, Object data) {
        OutboxMessage message = new OutboxMessage();
        message.messageId = UUID.randomUUID().toString();
        message.topic = topic;
        message.messageKey = key.toString();
        message.type = type;
        message.payload = toJson(data);
        message.createdAt = Instant.now();
        message.traceparent = TraceParent.current();
        return message.persist().replaceWithVoid();
    }

    /** Stores an internal message of a cataloged type. */
    public <T> Uni<Void> publish(String topic, Object key, MessageType<T> type, T data) {
        return publish(topic, key, type.name(), data);
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write message data as JSON: " + data.getClass(), e);
        }
    }
}
