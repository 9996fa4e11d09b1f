package com.acme.crm.common.warmup;

import com.acme.crm.common.inbox.Inbox;
import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.common.outbox.OutboxRelay;
import com.acme.crm.contracts.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Readies a service for its first message before it reports ready ({@link WarmUpCheck}): the
 * producer's metadata of every platform topic is fetched (its first send would wait for it), the
 * consumers have joined their groups (the first message would wait for the join), then a warm-up
 * message goes through the outbox, the relay and Kafka to every partition of the internal topics
 * they were assigned and back to the dispatcher ({@link WarmUpMessages}: the real send and consume
 * path, which a rolled-back transaction cannot reach), and each {@link Rehearsal} runs once in a
 * transaction that is rolled back. They run side by side, after SmallRye has started the channels.
 * Then the garbage of start-up and warm-up is collected ({@link StartUpGarbage}), before the service
 * reports ready. {@code crm.warm-up.timeout} bounds the wait for
 * readiness (the steps still finish in the background). A warm-up that fails or runs out of time is
 * logged and the service goes ready all the same: it only costs speed, and the other readiness
 * checks (database, Kafka) say whether the service can work.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final Duration JOIN_CHECK_INTERVAL = Duration.ofMillis(25);

    /** How a warm-up ended, for the readiness check's data; {@code steps} says how long each step took. */
    public record Outcome(String result, long millis, String steps) {
    }

    @Inject
    @Any
    Instance<Rehearsal> rehearsals;

    @Inject
    KafkaClientService kafka;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    WarmUpMessages warmUps;

    /** The consumed topics a warm-up message may be sent to: our own services' internal ones, never a public topic. */
    @ConfigProperty(name = "crm.warm-up.round-trip-topics", defaultValue = "crm\\.internal\\..*")
    Pattern roundTripTopics;

    @ConfigProperty(name = "crm.warm-up.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "crm.warm-up.timeout", defaultValue = "10s")
    Duration timeout;

    private final AtomicReference<Outcome> outcome = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Map<String, Long> stepMillis = new ConcurrentSkipListMap<>();

    /** After SmallRye's start-up observer (priority 1000), which wires the Kafka channels this needs. */
    void start(@Observes StartupEvent event) {
        if (!enabled) {
            outcome.set(new Outcome("disabled", 0, ""));
            return;
        }
        long started = System.nanoTime();
        // on a Vert.x context of its own (Hibernate Reactive needs one), without holding up start-up
        VertxContextSupport.subscribe(() -> steps().toMulti(), subscribe -> subscribe.with(
                ignored -> {
                },
                failure -> finish(started, "failed: " + failure),
                () -> finish(started, "done")));
        // The bound ends the wait for readiness, not the steps: a rehearsal cancelled in the middle
        // of its transaction could leave its connection open, holding the transaction.
        Uni.createFrom().voidItem().onItem().delayIt().by(timeout)
                .subscribe().with(ignored -> finish(started, "not over after " + timeout));
    }

    /** Null while the warm-up runs. */
    public Outcome outcome() {
        return outcome.get();
    }

    private Uni<Void> steps() {
        long started = System.nanoTime();
        Context context = Vertx.currentContext(); // the round trip's transaction needs it after Kafka's callbacks
        // the round trips after the rehearsals: one Hibernate Reactive session at a time on this context
        return Uni.combine().all().unis(timed("producer metadata", producerMetadata()), timed("consumers joined", consumersJoined()),
                timed("rehearsals", rehearsed())).discardItems()
                .chain(() -> timed("round trips", roundTrips(started, context)));
    }

    private void finish(long started, String result) {
        StringJoiner steps = new StringJoiner(", ");
        stepMillis.forEach((step, millis) -> steps.add(step + " " + millis + " ms"));
        if (!finished.compareAndSet(false, true)) {
            if (!result.startsWith("not over")) { // the steps ended after the bound: say how long they took after all
                LOG.infof("warm-up %s after %d ms, past its bound (%s)", result,
                        Duration.ofNanos(System.nanoTime() - started).toMillis(), steps);
            }
            return;
        }
        // before the outcome makes the service ready: no request waits for this pause
        steps.add(StartUpGarbage.collect().toString());
        Outcome over = new Outcome(result, Duration.ofNanos(System.nanoTime() - started).toMillis(), steps.toString());
        outcome.set(over);
        if (result.equals("done")) {
            LOG.infof("warmed up in %d ms (%s)", over.millis(), over.steps());
        } else {
            LOG.warnf("warm-up %s after %d ms (steps over: %s); ready all the same (the first messages may be slower)",
                    result, over.millis(), over.steps());
        }
    }

    private Uni<Void> timed(String step, Uni<Void> work) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return work.invoke(() -> stepMillis.put(step, Duration.ofNanos(System.nanoTime() - started).toMillis()));
        });
    }

    /** What the producer's first send to each topic would otherwise fetch first. */
    private Uni<Void> producerMetadata() {
        List<Uni<?>> fetches = new ArrayList<>();
        for (String channel : kafka.getProducerChannels()) {
            for (String topic : Topics.ALL) {
                fetches.add(kafka.getProducer(channel).partitionsFor(topic));
            }
        }
        return all(fetches);
    }

    /**
     * Every consumer of every channel has joined its group (a generation id above -1), whether or
     * not it got partitions: a replica beyond the partition count gets none and must still be ready.
     */
    private Uni<Void> consumersJoined() {
        List<Uni<?>> joins = new ArrayList<>();
        for (String channel : kafka.getConsumerChannels()) {
            for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(channel)) {
                joins.add(joined(consumer));
            }
        }
        return all(joins);
    }

    /** Asks again until the consumer has joined, or the warm-up is over (e.g. the broker is away: its own check says so). */
    private Uni<Void> joined(KafkaConsumer<?, ?> consumer) {
        return consumer.consumerGroupMetadata()
                .chain(group -> group.generationId() >= 0 || outcome.get() != null ? Uni.createFrom().voidItem()
                        : Uni.createFrom().voidItem().onItem().delayIt().by(JOIN_CHECK_INTERVAL).chain(() -> joined(consumer)));
    }

    /**
     * A warm-up message to each partition of an internal topic that a consumer of this service was assigned, written
     * to the outbox and committed (so the relay sends it for real), then until each such channel's dispatcher has seen
     * one since {@code started}. The dispatcher does nothing else with them; the relay deletes the rows once sent.
     */
    private Uni<Void> roundTrips(long started, Context context) {
        Map<String, Set<TopicPartition>> assigned = new ConcurrentHashMap<>(); // filled on the consumers' polling threads
        List<Uni<?>> assignments = new ArrayList<>();
        for (String channel : kafka.getConsumerChannels()) {
            for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(channel)) {
                assignments.add(consumer.getAssignments().invoke(partitions -> partitions.stream()
                        .filter(partition -> roundTripTopics.matcher(partition.topic()).matches())
                        .forEach(partition -> assigned.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(partition))));
            }
        }
        return all(assignments).emitOn(work -> context.runOnContext(ignored -> work.run())).chain(() -> {
            if (assigned.isEmpty() || kafka.getProducerChannels().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String producer = kafka.getProducerChannels().iterator().next();
            Set<String> topics = new LinkedHashSet<>();
            assigned.values().forEach(partitions -> partitions.forEach(partition -> topics.add(partition.topic())));
            Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
            List<Uni<?>> counts = new ArrayList<>();
            for (String topic : topics) {
                counts.add(kafka.getProducer(producer).partitionsFor(topic).invoke(infos -> partitionCounts.put(topic, infos.size())));
            }
            return all(counts)
                    .emitOn(work -> context.runOnContext(ignored -> work.run()))
                    .chain(() -> Panache.withTransaction(() -> {
                        Uni<Void> writes = Uni.createFrom().voidItem();
                        for (Set<TopicPartition> partitions : assigned.values()) {
                            for (TopicPartition partition : partitions) {
                                String key = keyFor(partition.partition(), partitionCounts.get(partition.topic()));
                                writes = writes.chain(() -> outbox.publish(partition.topic(), key, WarmUpMessages.TYPE, Map.of()));
                            }
                        }
                        return writes;
                    }))
                    .invoke(relay::wake)
                    .chain(() -> arrived(assigned.keySet(), started));
        });
    }

    /** Until a warm-up message has reached the dispatcher of each channel, or the warm-up is over (its bound). */
    private Uni<Void> arrived(Set<String> channels, long since) {
        return channels.stream().allMatch(channel -> warmUps.arrivedSince(channel, since)) || outcome.get() != null
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(JOIN_CHECK_INTERVAL).chain(() -> arrived(channels, since));
    }

    /**
     * A key the producer's default partitioner sends to {@code partition} of a topic of {@code partitions} (Kafka's
     * murmur2 of the key's UTF-8 bytes, as the relay's string keys are serialized).
     */
    static String keyFor(int partition, int partitions) {
        for (int i = 0; ; i++) {
            String key = "warm-up-" + i;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                return key;
            }
        }
    }

    /**
     * Each rehearsal in a transaction of its own that is marked for rollback before the work
     * starts, behind the inbox's record of a made-up message id, as the consumer does it.
     */
    private Uni<Void> rehearsed() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Rehearsal rehearsal : rehearsals) {
            chain = chain.chain(() -> Panache.withTransaction(() -> Panache.currentTransaction()
                    .invoke(Mutiny.Transaction::markForRollback)
                    .chain(() -> inbox.firstDeliveries(List.of("warm-up-" + UUID.randomUUID()))) // as the dispatcher does
                    .chain(rehearsal::run)));
        }
        return chain;
    }

    private static Uni<Void> all(List<Uni<?>> unis) {
        return unis.isEmpty() ? Uni.createFrom().voidItem() : Uni.combine().all().unis(unis).discardItems();
    }
}
