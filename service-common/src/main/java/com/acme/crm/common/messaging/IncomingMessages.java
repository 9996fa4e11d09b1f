package com.acme.crm.common.messaging;

import com.acme.crm.contracts.MessageType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the JSON data of an incoming message into its contract record, tolerantly: fields the
 * record does not know are ignored (SPEC rule 10), so a newer service that adds a field can run
 * beside an older one during a rolling upgrade. REST input stays strict
 * ({@code quarkus.jackson.fail-on-unknown-properties=true} for the shared mapper).
 */
@ApplicationScoped
public class IncomingMessages {

    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    @Inject
    ObjectMapper json;

    /**
     * @throws UnreadableMessageException when the data does not fit the record: the message can
     *                                    never be processed and is set aside
     */
    public <T> T read(String data, MessageType<T> type) {
        try {
            return readerFor(type.dataClass()).readValue(data);
        } catch (IOException e) {
            throw new UnreadableMessageException("cannot read " + type.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data as a consumer would read it after a sender wrote it (a warm-up's synthetic message
     * takes the real reading path, readers included).
     */
    public <T> T asReceived(T data, MessageType<T> type) {
        try {
            return read(json.writeValueAsString(data), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + type.name() + ": " + e.getMessage(), e);
        }
    }

    private ObjectReader readerFor(Class<?> dataClass) {
        return readers.computeIfAbsent(dataClass, c -> json.readerFor(c)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

    public static class UnreadableMessageException extends RuntimeException {
        public UnreadableMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
