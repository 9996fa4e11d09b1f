package com.acme.crm.common.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a consumer batch comes from, as an operator needs it to find the batch: its channel, the offsets it holds per
 * topic-partition (the partitions waiting behind it) and its size.
 */
public record BatchLane(String channel, List<Offsets> partitions, int messages) {

    /** The first and last offset a batch holds of one topic-partition. */
    public record Offsets(String topic, int partition, long first, long last) {
        @Override
        public String toString() {
            return topic + "-" + partition + " offsets " + (first == last ? Long.toString(first) : first + ".." + last);
        }
    }

    /** The lane of a batch of {@code records} polled on {@code channel}. */
    public static BatchLane of(String channel, Iterable<? extends ConsumerRecord<?, ?>> records) {
        Map<String, Offsets> byPartition = new LinkedHashMap<>();
        int messages = 0;
        for (ConsumerRecord<?, ?> record : records) {
            messages++;
            byPartition.merge(record.topic() + "\n" + record.partition(),
                    new Offsets(record.topic(), record.partition(), record.offset(), record.offset()),
                    (seen, next) -> new Offsets(seen.topic(), seen.partition(), Math.min(seen.first(), next.first()),
                            Math.max(seen.last(), next.last())));
        }
        List<Offsets> partitions = new ArrayList<>(byPartition.values());
        partitions.sort(Comparator.comparing(Offsets::topic).thenComparingInt(Offsets::partition));
        return new BatchLane(channel, List.copyOf(partitions), messages);
    }

    /** e.g. {@code crm.internal.account-commands-1 offsets 40..52, 13 message(s)} */
    public String describe() {
        String where = partitions.isEmpty() ? "no partition"
                : partitions.stream().map(Offsets::toString).collect(Collectors.joining(", "));
        return where + ", " + messages + " message(s)";
    }
}
