package com.acme.crm.testinfra;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real Kafka broker tests talk to, started once per test JVM:
 * an external one when {@code CRM_TEST_KAFKA} names it, a Testcontainers broker when
 * {@code CRM_TEST_INFRA=testcontainers}, otherwise an in-process KRaft node (needs only a JDK).
 */
public final class TestKafka {

    private static String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    private static String start() {
        String external = InfrastructureMode.externalKafka();
        if (external != null) {
            return external;
        }
        try {
            return InfrastructureMode.useTestcontainers() ? startContainer() : startInProcess();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test Kafka broker", e);
        }
    }

    private static String startInProcess() throws Exception {
        // A broker in the test JVM must never end it: on a fatal error (e.g. while it is closed in the
        // shutdown hook, beside everything else shutting down) Kafka calls Exit.exit/halt, which would end
        // the surefire fork with a non-zero code after all its tests passed ("Error occurred in starting fork").
        Exit.setExitProcedure((code, message) -> System.err.println("test Kafka asked to exit(" + code + "): " + message));
        Exit.setHaltProcedure((code, message) -> System.err.println("test Kafka asked to halt(" + code + "): " + message));
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "3")
                .setConfigProp("offsets.topic.replication.factor", "1")
                // one partition for the group offsets on one broker (default 50): the first
                // FindCoordinator creates and loads all of them before any consumer can join
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("auto.create.topics.enable", "true")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster), "test-kafka-stop"));
        return cluster.bootstrapServers();
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    private static String startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:" + InfrastructureMode.KAFKA_IMAGE_TAG);
        container.start();
        return container.getBootstrapServers();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // the JVM is ending; nothing left to protect
        }
    }
}
