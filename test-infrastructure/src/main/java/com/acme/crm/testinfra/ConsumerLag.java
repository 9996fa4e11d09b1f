package com.acme.crm.testinfra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How many records a consumer group has not committed yet (Kafka's Admin API): the one way the tests and the
 * benchmark read a consumer's lag. A group's batch commits its offsets only after its transaction, so a lag of 0 means
 * every record there was has been handled.
 */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Records of {@code topic} the group has not committed; a partition it never committed counts from its start. */
    public static long onTopic(Admin admin, String group, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
        Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, partitions, OffsetSpec.latest());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            lag += ends.get(partition).offset() - (at != null ? at.offset() : starts.get(partition).offset());
        }
        return lag;
    }

    /**
     * Waits until {@code group} has committed every record on {@code topic}: the batches that held them have ended (for
     * a test whose messages leave no row behind to wait for, as those of a type idempotent by its service's state).
     */
    public static void awaitNone(String group, String topic, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            long lag;
            while ((lag = onTopic(admin, group, topic)) > 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(group + " has " + lag + " record(s) of " + topic + " left after " + atMost);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the lag of " + group + " on " + topic, e);
        }
    }

    /** Records behind the end of every partition, of any topic, the group has committed offsets for. */
    public static long onCommittedPartitions(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, committed.keySet(), OffsetSpec.latest());
        return committed.entrySet().stream()
                .mapToLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset())).sum();
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS));
        committed.values().removeIf(Objects::isNull);
        return committed;
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, Collection<TopicPartition> partitions,
                                                                      OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(5, TimeUnit.SECONDS);
    }
}
