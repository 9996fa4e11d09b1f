package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.StackConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limits of the hardware under the product, measured in the benchmark's own run on the same stack: one Kafka hop
 * and Kafka's record rate with the services' producer settings, and PostgreSQL's commit rate with its durable settings.
 */
final class PhysicalLimits {

    private final LocalStack stack;
    private final int lingerMs;

    /** @param lingerMs the outbox producer's linger.ms the services run with */
    PhysicalLimits(LocalStack stack, int lingerMs) {
        this.stack = stack;
        this.lingerMs = lingerMs;
    }

    /**
     * The producer settings of the services' outbox relay (service-common's microprofile-config.properties: acks=all,
     * idempotence, linger.ms as the services run with it; batch.size left at the client's default).
     */
    Map<String, Object> servicesProducerSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        return settings;
    }

    /** The services' producer settings with the client's defaults for what they leave out (linger.ms, batch.size). */
    String describeProducerSettings() {
        Map<String, Object> effective = new HashMap<>(ProducerConfig.configDef().defaultValues());
        effective.putAll(servicesProducerSettings());
        return "acks=" + effective.get(ProducerConfig.ACKS_CONFIG)
                + " enable.idempotence=" + effective.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)
                + " linger.ms=" + effective.get(ProducerConfig.LINGER_MS_CONFIG)
                + " batch.size=" + effective.get(ProducerConfig.BATCH_SIZE_CONFIG);
    }

    /**
     * Produce → consume round trips of one small record, one at a time, with the services' producer settings and the
     * consumer's defaults (as the services' consumers): what one saga hop costs at least.
     */
    List<Double> kafkaHopMillis(int samples) throws Exception {
        String topic = createTopic("benchmark-hop-" + UUID.randomUUID(), 1);
        List<Double> millis = new ArrayList<>();
        Map<String, Object> consumerSettings = Map.of("bootstrap.servers", stack.kafkaBootstrapServers(),
                "auto.offset.reset", "earliest");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(servicesProducerSettings(),
                new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings,
                     new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            for (int i = -50; i < samples; i++) { // the first 50 warm up the connections and the JIT
                long start = System.nanoTime();
                String value = Long.toString(start);
                producer.send(new ProducerRecord<>(topic, "k", value));
                boolean seen = false;
                while (!seen) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        seen |= record.value().equals(value);
                    }
                }
                if (i >= 0) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        return millis;
    }

    /** Records of 512 bytes per second one producer sends with the services' settings, acknowledged by the broker. */
    double kafkaRecordsPerSecond(int records, int partitions) throws Exception {
        String topic = createTopic("benchmark-rate-" + UUID.randomUUID(), partitions);
        byte[] value = new byte[512];
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(servicesProducerSettings(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < Math.min(records, 5_000); i++) { // warm-up
                producer.send(new ProducerRecord<>(topic, key(i), value));
            }
            producer.flush();
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, key(i), value), (metadata, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " benchmark records were refused");
            }
            return records / seconds;
        }
        // consuming them back is not part of this figure: one hop's latency is measured separately
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private String createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // waits until the broker knows the new topic's leaders
            consumer.partitionsFor(name, Duration.ofSeconds(30));
        }
        return name;
    }

    /**
     * Single-row INSERT commits per second (autocommit, one row per transaction) with {@code clients} connections
     * in parallel for {@code seconds}, into a table of its own in a database of its own on the stack's PostgreSQL.
     */
    double postgresCommitsPerSecond(int clients, double seconds) throws Exception {
        String url = stack.jdbcUrl("benchmark");
        try (Connection c = stack.postgres().superuserConnection("postgres"); Statement s = c.createStatement()) {
            var exists = s.executeQuery("select 1 from pg_database where datname = 'benchmark'");
            if (!exists.next()) {
                s.execute("create database benchmark owner \"" + StackConfig.DB_USER + "\"");
            }
        }
        try (Connection c = DriverManager.getConnection(url, StackConfig.DB_USER, StackConfig.DB_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("create table if not exists commit_probe (id bigint generated always as identity primary key, "
                    + "client int not null, payload text not null, at timestamptz not null default now())");
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long warmUntil = System.nanoTime() + 500_000_000L;
            long until = warmUntil + (long) (seconds * 1e9);
            List<Future<Long>> counts = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int id = client;
                counts.add(pool.submit(() -> {
                    long committed = 0;
                    try (Connection c = DriverManager.getConnection(url, StackConfig.DB_USER, StackConfig.DB_PASSWORD);
                         PreparedStatement insert = c.prepareStatement("insert into commit_probe (client, payload) values (?, ?)")) {
                        c.setAutoCommit(true);
                        while (System.nanoTime() < until) {
                            insert.setInt(1, id);
                            insert.setString(2, "a row of about the size of a small saga row, 64 bytes or so .....");
                            insert.executeUpdate();
                            if (System.nanoTime() > warmUntil) {
                                committed++;
                            }
                        }
                    }
                    return committed;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total / seconds;
        } finally {
            pool.shutdownNow();
        }
    }
}
