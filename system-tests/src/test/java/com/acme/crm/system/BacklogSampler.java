package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceDefinition;
import com.acme.crm.stack.StackConfig;
import com.acme.crm.testinfra.ConsumerLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples, while a bulk job runs, how much work waits: the consumer lag of each saga consumer group, bulk and
 * interactive lane (committed offset behind the end of its partitions, Admin API), and the rows waiting in each
 * service's outbox. Keeps the peaks.
 */
final class BacklogSampler implements AutoCloseable {

    /**
     * The saga's consumer groups (the services' application.properties), each service's bulk group and its interactive
     * lane's group, in the order they are printed; the group id is also the key of {@link #peakLag()}.
     */
    static final List<String> GROUPS = List.of(
            "lead-service", "account-service", "opportunity-service",
            "lead-service-interactive", "account-service-interactive", "opportunity-service-interactive");

    private final LocalStack stack;
    private final long intervalMillis;
    private final Map<String, Long> peakLag = new ConcurrentHashMap<>();
    private final Map<String, Long> peakOutbox = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile String failure;
    private final Thread thread;

    BacklogSampler(LocalStack stack, long intervalMillis) {
        this.stack = stack;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::run, "benchmark-backlog-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Peak consumer lag (records) per consumer group. */
    Map<String, Long> peakLag() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        GROUPS.forEach(group -> ordered.put(group, peakLag.getOrDefault(group, 0L)));
        return ordered;
    }

    /** Peak outbox rows per service. */
    Map<String, Long> peakOutbox() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(s -> ordered.put(s.name(), peakOutbox.getOrDefault(s.name(), 0L)));
        return ordered;
    }

    /** Why sampling stopped early, or null. */
    String failure() {
        return failure;
    }

    private void run() {
        Map<String, Connection> databases = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                databases.put(service.name(), DriverManager.getConnection(stack.jdbcUrl(service.database()),
                        StackConfig.DB_USER, StackConfig.DB_PASSWORD));
            }
            while (running) {
                for (String group : GROUPS) {
                    peakLag.merge(group, ConsumerLag.onCommittedPartitions(admin, group), Math::max);
                }
                for (Map.Entry<String, Connection> database : databases.entrySet()) {
                    try (Statement s = database.getValue().createStatement();
                         ResultSet rs = s.executeQuery("select count(*) from outbox_message")) {
                        rs.next();
                        peakOutbox.merge(database.getKey(), rs.getLong(1), Math::max);
                    }
                }
                Thread.sleep(intervalMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e.toString();
        } finally {
            databases.values().forEach(c -> {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a sampling connection; nothing to do
                }
            });
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
