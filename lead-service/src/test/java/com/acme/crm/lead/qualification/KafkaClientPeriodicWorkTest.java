package com.acme.crm.lead.qualification;

import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Kafka clients' periodic work starts with the service, not 5 minutes later (service-common's settings,
 * docs/operations.md "Kafka client settings"): the settings reach every consumer and the outbox producer themselves,
 * not only the configuration. What they prevent, deoptimizations of the clients' compiled code in the middle of a
 * running service, shows only in runs (docs/performance.md, "Issue 9, fourteenth step").
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class KafkaClientPeriodicWorkTest {

    private static final List<String> CONSUMED = List.of("qualification-replies", "qualification-replies-interactive",
            "account-events");

    @Inject
    KafkaClientService kafka;

    @Test
    void everyConsumerRefreshesItsMetadataFromTheStartAndPushesNoMetrics() {
        for (String channel : CONSUMED) {
            List<KafkaConsumer<Object, Object>> consumers = kafka.getConsumers(channel);
            assertFalse(consumers.isEmpty(), "consumers of " + channel);
            for (KafkaConsumer<Object, Object> consumer : consumers) {
                assertPeriodicWorkFromTheStart(channel, consumer.configuration());
            }
        }
    }

    @Test
    void theOutboxProducerAlsoKeepsTheTopicsItKnows() {
        Map<String, ?> producer = kafka.getProducer("outbox").configuration();

        assertPeriodicWorkFromTheStart("outbox", producer);
        assertEquals("86400000", String.valueOf(producer.get("metadata.max.idle.ms")), "outbox: metadata.max.idle.ms");
    }

    private static void assertPeriodicWorkFromTheStart(String channel, Map<String, ?> configuration) {
        assertEquals("10000", String.valueOf(configuration.get("metadata.max.age.ms")), channel + ": metadata.max.age.ms");
        assertEquals("false", String.valueOf(configuration.get("enable.metrics.push")), channel + ": enable.metrics.push");
    }
}
