package com.acme.crm.common.warmup;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The warm-up's key for a partition lands there under the Kafka producer's own partitioner, for any partition count. */
class WarmUpKeyTest {

    @Test
    void eachPartitionGetsAKeyThatTheProducerSendsThere() {
        for (int partitions = 1; partitions <= 24; partitions++) {
            for (int partition = 0; partition < partitions; partition++) {
                String key = WarmUp.keyFor(partition, partitions);
                assertEquals(partition, BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions),
                        key + " of " + partitions + " partitions");
            }
        }
    }
}
