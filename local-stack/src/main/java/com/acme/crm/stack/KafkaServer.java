package com.acme.crm.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka 4.0 broker (KRaft, broker and controller in one node) as a separate OS process, so the services talk to
 * the same kind of broker they meet in production, and the broker's threads and logs stay out of this JVM.
 */
public final class KafkaServer implements AutoCloseable {

    /** Where and on which ports the broker runs. */
    public record Settings(Path dataDir, int port, int controllerPort, Duration startTimeout) {
        public Settings(Path dataDir, int port, int controllerPort) {
            this(dataDir, port, controllerPort, Duration.ofSeconds(60));
        }
    }

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Settings settings;
    private Process process;

    public KafkaServer(Settings settings) {
        this.settings = settings;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public Path logFile() {
        return settings.dataDir().resolve("broker.log");
    }

    public Process process() {
        return process;
    }

    public KafkaServer start() throws IOException, InterruptedException {
        Files.createDirectories(settings.dataDir());
        Path properties = writeServerProperties();
        formatStorageOnce(properties);
        process = javaProcess("kafka.Kafka", properties.toString()).start();
        awaitReady();
        return this;
    }

    private Path writeServerProperties() throws IOException {
        String properties = String.join("\n",
                "# written by the local stack on every start; edit KafkaServer.java instead",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + settings.controllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:" + settings.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + settings.port(),
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + settings.dataDir().resolve("data").toAbsolutePath(),
                // one node: every internal topic can only have one replica
                "offsets.topic.replication.factor=1",
                // and one partition for the group offsets (default 50): the first FindCoordinator
                // creates and loads all of them, ~2.5 s before the first consumer can join
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                // consumers join at once instead of waiting 3 s for more members that never come
                "group.initial.rebalance.delay.ms=0",
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "");
        Path file = settings.dataDir().resolve("server.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }

    /** Formats the log directory the first time only; the cluster id is kept so later starts find their own data. */
    private void formatStorageOnce(Path properties) throws IOException, InterruptedException {
        Path clusterIdFile = settings.dataDir().resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
        }
        String clusterId = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
        Process format = javaProcess("kafka.tools.StorageTool",
                "format", "-t", clusterId, "-c", properties.toString(), "--ignore-formatted").start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("Kafka storage format failed:\n" + ChildProcesses.tail(logFile(), 30));
        }
    }

    private ProcessBuilder javaProcess(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaBinary(),
                "-Xms128m", "-Xmx512m",
                // slf4j-simple is the logging backend on this classpath: warnings and errors only, into the log file
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.logFile=" + logFile().toAbsolutePath(),
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", ChildProcesses.classpath(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + ":\n"
                            + ChildProcesses.tail(logFile(), 40));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    ChildProcesses.sleep(Duration.ofMillis(200));
                }
            }
        }
        close();
        throw new IllegalStateException("Kafka not ready within " + settings.startTimeout() + ":\n"
                + ChildProcesses.tail(logFile(), 40));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_GRACE);
    }
}
