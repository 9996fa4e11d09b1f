package com.acme.crm.common.messaging;

import com.acme.crm.contracts.MessageType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** Reads the JSON data of an incoming message into its contract record. */
@ApplicationScoped
public class IncomingMessages {

    @Inject
    ObjectMapper json;

    /**
     * @throws UnreadableMessageException when the data does not fit the record: the message is
     *                                    poison and goes to the dead-letter topic
     */
    public <T> T read(String data, MessageType<T> type) {
        try {
            return json.readValue(data, type.dataClass());
        } catch (IOException e) {
            throw new UnreadableMessageException("cannot read " + type.name() + ": " + e.getMessage(), e);
        }
    }

    public static class UnreadableMessageException extends RuntimeException {
        public UnreadableMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
