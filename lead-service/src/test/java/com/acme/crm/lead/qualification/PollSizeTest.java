package com.acme.crm.lead.qualification;

import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The bulk replies' poll size ({@code CRM_KAFKA_MAX_POLL_RECORDS}, docs/operations.md "Consumer fetch") reaches the
 * Kafka consumer itself, not only the configuration: SmallRye hands a channel's unknown attributes to its client.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PollSizeTest {

    @Inject
    KafkaClientService kafka;

    @Test
    void theBulkChannelPollsAtMostTheConfiguredRecords() {
        assertEquals(List.of("500"), maxPollRecords("qualification-replies"));
        // the interactive lane keeps Kafka's default: its polls are a few records
        assertEquals(List.of("default"), maxPollRecords("qualification-replies-interactive"));
    }

    private List<String> maxPollRecords(String channel) {
        List<KafkaConsumer<Object, Object>> consumers = kafka.getConsumers(channel);
        assertFalse(consumers.isEmpty(), "consumers of " + channel);
        return consumers.stream().map(consumer -> consumer.configuration().get("max.poll.records"))
                .map(value -> value == null ? "default" : value.toString()).toList();
    }
}
