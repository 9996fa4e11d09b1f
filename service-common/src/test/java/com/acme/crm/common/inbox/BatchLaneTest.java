package com.acme.crm.common.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchLaneTest {

    private static ConsumerRecord<String, String> record(String topic, int partition, long offset) {
        return new ConsumerRecord<>(topic, partition, offset, "key", "{}");
    }

    @Test
    void aBatchNamesTheOffsetsItHoldsPerPartition_inPartitionOrder() {
        BatchLane lane = BatchLane.of("account-commands", List.of(
                record("crm.internal.account-commands", 2, 40), record("crm.internal.account-commands", 2, 41),
                record("crm.internal.account-commands", 0, 7), record("crm.internal.account-commands", 2, 52)));

        assertEquals("account-commands", lane.channel());
        assertEquals(4, lane.messages());
        assertEquals(List.of(new BatchLane.Offsets("crm.internal.account-commands", 0, 7, 7),
                new BatchLane.Offsets("crm.internal.account-commands", 2, 40, 52)), lane.partitions());
        assertEquals("crm.internal.account-commands-0 offsets 7, crm.internal.account-commands-2 offsets 40..52, 4 message(s)",
                lane.describe());
    }

    @Test
    void anEmptyPollStillDescribesItself() {
        assertEquals("no partition, 0 message(s)", BatchLane.of("replies", List.of()).describe());
    }
}
