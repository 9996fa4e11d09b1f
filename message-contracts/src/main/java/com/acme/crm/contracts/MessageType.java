package com.acme.crm.contracts;

/**
 * A kind of message: its CloudEvents {@code ce_type} (versioned) and the record its JSON data
 * is read into.
 */
public record MessageType<T>(String name, Class<T> dataClass) {
}
