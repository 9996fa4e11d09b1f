package com.acme.crm.testinfra;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything that has arrived on one topic, from its first record, read by one consumer (no consumer group) for the
 * whole test JVM. A new consumer in a new group for every look cost ~0.8 s each (coordinator, join, sync, offsets,
 * first fetch: measured 823 ms against 598 ms without the group, at load ~15), which tests looking dozens of times paid
 * in tens of seconds; a look now costs one poll.
 */
final class TopicReader {

    private static final Map<String, TopicReader> READERS = new ConcurrentHashMap<>();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    private TopicReader(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestKafka.bootstrapServers(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = partitionsOf(topic).stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    static TopicReader of(String topic) {
        return READERS.computeIfAbsent(topic, TopicReader::new);
    }

    /** The records from {@code from} on that have arrived so far, after waiting up to {@code wait} for more. */
    synchronized List<ConsumerRecord<String, String>> since(int from, Duration wait) {
        if (records.size() <= from) {
            consumer.poll(wait).forEach(records::add);
        }
        return List.copyOf(records.subList(Math.min(from, records.size()), records.size()));
    }

    /**
     * Every record that had arrived when called: reads each partition up to its end offset of that moment, however
     * long that takes (up to {@code atMost}), and no longer.
     */
    synchronized List<ConsumerRecord<String, String>> toEnd(Duration atMost) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Instant deadline = Instant.now().plus(atMost);
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("could not read " + ends.keySet() + " to " + ends.values() + " within " + atMost);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    private List<PartitionInfo> partitionsOf(String topic) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        while ((found == null || found.isEmpty()) && Instant.now().isBefore(deadline)) { // a topic not created yet
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + topic, e);
            }
            found = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        }
        if (found == null || found.isEmpty()) {
            consumer.close();
            throw new AssertionError("topic " + topic + " has no partitions after 30 s");
        }
        return found;
    }
}
