package com.acme.crm.common.outbox;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendFailuresTest {

    @Test
    void aRecordKafkaWillNeverTakeIsARefusal() {
        assertTrue(SendFailures.isRefusal(new RecordTooLargeException("too large")));
        assertTrue(SendFailures.isRefusal(new InvalidTopicException("bad name")));
        assertTrue(SendFailures.isRefusal(new SerializationException("cannot serialise")));
        assertTrue(SendFailures.isRefusal(new CompletionException(new RecordTooLargeException("wrapped"))));
    }

    @Test
    void passingTroubleAndTroubleOfTheClientAreNot() {
        assertFalse(SendFailures.isRefusal(new TimeoutException("expired")));
        assertFalse(SendFailures.isRefusal(new NetworkException("disconnected")));
        assertFalse(SendFailures.isRefusal(new TopicAuthorizationException(Set.of("crm.lead.events"))));
        assertFalse(SendFailures.isRefusal(new IllegalStateException("producer closed")));
    }

    @Test
    void theKeptErrorNamesTheKafkaException() {
        assertTrue(SendFailures.describe(new CompletionException(new RecordTooLargeException("2 MiB")))
                .startsWith("org.apache.kafka.common.errors.RecordTooLargeException: 2 MiB"));
    }
}
