package com.acme.crm.common.outbox;

import com.acme.crm.contracts.MessageType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
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

    /**
     * Messages are bounded by design (SPEC rule 6), far below Kafka's 1 MiB default: a larger one
     * is a bug in the code that built it, and fails that code's transaction rather than reach Kafka.
     */
    @ConfigProperty(name = "crm.outbox.max-message-bytes", defaultValue = "524288")
    int maxMessageBytes;

    /** Stores a message of a public event type (a {@code ce_type} name) for {@code topic}, keyed by {@code key}. */
    public Uni<Void> publish(String topic, Object key, String type, Object data) {
        String payload = toJson(data);
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxMessageBytes) {
            return Uni.createFrom().failure(new IllegalStateException("message " + type + " for " + topic + " (key " + key
                    + ") is " + bytes + " bytes, more than crm.outbox.max-message-bytes=" + maxMessageBytes
                    + ": messages are bounded by design; the code that built it must bound what it carries"));
        }
        OutboxMessage message = new OutboxMessage();
        message.messageId = UUID.randomUUID().toString();
        message.topic = topic;
        message.messageKey = key.toString();
        message.type = type;
        message.payload = payload;
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
