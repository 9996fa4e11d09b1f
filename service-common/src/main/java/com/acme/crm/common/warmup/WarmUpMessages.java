package com.acme.crm.common.warmup;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The warm-up's round trips ({@link WarmUp}): a message of type {@link #TYPE} that a starting service sends through
 * its own outbox to the internal topics it consumes, so that the relay's send, the broker and the consumer's path up
 * to {@code ConsumerDispatcher} have run once before the first real message. The dispatcher hands such a message here
 * and does nothing else with it: no inbox record, no handling, no set-aside.
 */
@ApplicationScoped
public class WarmUpMessages {

    /** The CloudEvents type of a warm-up message; its data is an empty object. */
    public static final String TYPE = "crm.warm-up.v1";

    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

    /** Whether the dispatcher should hand this message here instead of handling it. */
    public static boolean isWarmUp(IncomingCloudEventMetadata<?> event) {
        return TYPE.equals(event.getType());
    }

    /** A warm-up message reached the dispatcher on {@code channel}. */
    public void arrived(String channel) {
        arrivals.put(channel, System.nanoTime());
    }

    /** Whether a warm-up message reached the dispatcher on {@code channel} at or after {@code since} (System.nanoTime()). */
    boolean arrivedSince(String channel, long since) {
        Long last = arrivals.get(channel);
        return last != null && last - since >= 0;
    }
}
