package com.acme.crm.system;

import com.acme.crm.stack.ServiceDefinition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the services' backends are doing while a job runs ({@code -Dbench.explain=true}): every few milliseconds, each
 * active client backend of the services' databases, by database, wait event and statement, from pg_stat_activity. A
 * backend without a wait event is on a core or waiting for one (PostgreSQL cannot tell those apart); {@code Lock:*}
 * is a lock wait, {@code IO:*} and {@code LWLock:*} are waits for disk and for shared memory. The samples of one
 * statement are in proportion to the wall-clock time spent in it, so they split pg_stat_statements' execution time.
 */
final class WaitSampler implements AutoCloseable {

    private static final int TOP = 12;
    private static final String ACTIVE = """
            select datname, coalesce(wait_event_type || ':' || wait_event, 'CPU or run queue'),
                   left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
            from pg_stat_activity
            where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()""";

    private record Key(String database, String event, String statement) {
    }

    private final long intervalMillis;
    private final Map<Key, Long> samples = new ConcurrentHashMap<>();
    private volatile long rounds;
    private volatile boolean running = true;
    private volatile String failure;
    private final Thread thread;

    WaitSampler(long intervalMillis) {
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::run, "benchmark-wait-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try (Connection c = RunningStack.get().postgres().superuserConnection("postgres"); Statement s = c.createStatement()) {
            while (running) {
                try (ResultSet rs = s.executeQuery(ACTIVE)) {
                    while (rs.next()) {
                        samples.merge(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), 1L, Long::sum);
                    }
                }
                rounds++;
                Thread.sleep(intervalMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e.toString();
        }
    }

    /** Per service's database: its backends' samples by wait, then its most sampled statements with their waits. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%d samples, one every %d ms%s", rounds, intervalMillis, failure == null ? "" : "; stopped early: " + failure));
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Map<String, Long> byWait = new ConcurrentHashMap<>();
            Map<String, Long> byStatement = new ConcurrentHashMap<>();
            samples.forEach((key, count) -> {
                if (key.database().equals(service.database())) {
                    byWait.merge(key.event(), count, Long::sum);
                    byStatement.merge(String.format("%-26s %s", key.event(), key.statement()), count, Long::sum);
                }
            });
            long all = byWait.values().stream().mapToLong(Long::longValue).sum();
            lines.add(String.format("%-20s %d backend samples (%.2f active backends on average): %s", service.name(), all,
                    rounds == 0 ? 0.0 : (double) all / rounds, shares(byWait, all)));
            byStatement.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                    .forEach(entry -> lines.add(String.format("  %6d  %s", entry.getValue(), entry.getKey())));
        }
        return lines;
    }

    private static String shares(Map<String, Long> counts, long all) {
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> parts.add(String.format("%s %.0f %%", entry.getKey(), 100.0 * entry.getValue() / all)));
        return String.join(", ", parts);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
