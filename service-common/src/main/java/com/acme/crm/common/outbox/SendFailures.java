package com.acme.crm.common.outbox;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Whether Kafka refused one record for good (set it aside: it would fail on every resend and must
 * not hold up the rows behind it), or the send failed for a reason that passes (leave the row for
 * the next round). Plain decision, no I/O.
 */
final class SendFailures {

    private SendFailures() {
    }

    /**
     * True for a refusal of this very record: too large for the producer or the topic, an invalid
     * topic name, a broker policy, a value that cannot be serialised; Kafka's non-retriable API
     * errors. False for everything that is about the connection or the client rather than the
     * record: retriable errors and timeouts (broker away), missing rights (an operator fixes
     * the ACL and the rows flow), a fenced or broken producer, and anything not from Kafka
     * (shutdown, a closed channel): setting all those aside would empty the outbox for nothing.
     */
    static boolean isRefusal(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof RetriableException
                || t instanceof AuthenticationException || t instanceof AuthorizationException
                || t instanceof ProducerFencedException || t instanceof OutOfOrderSequenceException
                || t instanceof InvalidProducerEpochException || t instanceof UnsupportedVersionException) {
            return false;
        }
        return t instanceof ApiException || t instanceof SerializationException;
    }

    /** The error kept with a set-aside row: the Kafka exception's type and message. */
    static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        String text = t.getClass().getName() + ": " + t.getMessage();
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        // the emitter and Mutiny may wrap the producer's exception (CompletionException, ExecutionException)
        while (t.getCause() != null && t.getCause() != t && !(t instanceof org.apache.kafka.common.KafkaException)) {
            t = t.getCause();
        }
        return t;
    }
}
