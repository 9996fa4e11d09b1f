package com.acme.crm.contracts;

/**
 * How large a message may be. Kafka refuses a record over 1 MiB ({@code max.request.size},
 * {@code message.max.bytes}); every message the platform sends stays at a quarter of that by
 * design: what could grow (a lead's notes) is split across messages of at most this size.
 */
public final class MessageLimits {

    /** The most bytes of UTF-8 JSON one message's data may have (256 KiB). */
    public static final int MAX_DATA_BYTES = 256 * 1024;

    private MessageLimits() {
    }
}
