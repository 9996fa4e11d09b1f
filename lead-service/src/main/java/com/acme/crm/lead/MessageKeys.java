package com.acme.crm.lead;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;

import java.util.Optional;
import java.util.UUID;

/** The id an incoming message is keyed by (a lead's, a contact's), for loading a batch's rows before its messages. */
public final class MessageKeys {

    private MessageKeys() {
    }

    /** The Kafka key as a UUID (the relay writes it as the CloudEvent's subject too); empty when it is none. */
    public static Optional<UUID> uuidOf(IncomingCloudEventMetadata<String> event) {
        Optional<String> key = event instanceof IncomingKafkaCloudEventMetadata<?, ?> kafka && kafka.getKey() != null
                ? Optional.of(kafka.getKey().toString()) : event.getSubject();
        try {
            return key.map(UUID::fromString);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty(); // its message loads what it needs itself
        }
    }
}
