package com.acme.crm.testinfra;

import com.acme.crm.testinfra.KafkaProbe.Event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * For a probe of a service under test (not CI): the statements Hibernate runs ({@link SqlStatements}) and the rows its
 * database inserts and deletes (pg_stat_database) for one command alone, then for a poll of {@code batch} commands sent
 * in one produce request. Counts, not times: they do not move with the machine's load. BEGIN and COMMIT are not in Hibernate's log (a transaction adds two round trips).
 */
public final class StatementsPerCommand {

    private final String topic;
    private final String group;
    private final String type;

    /** @param group the consumer group of {@code topic} in the service under test */
    public StatementsPerCommand(String topic, String group, String type) {
        this.topic = topic;
        this.group = group;
        this.type = type;
    }

    /** A report of one command alone and of {@code batch} together, each made by {@code command} (its JSON). */
    public String measure(String what, int batch, Supplier<String> command) {
        return measureKeyed(what, batch, () -> new KafkaProbe.Keyed("probe", new Event(type, command.get())));
    }

    /** As {@link #measure}, each command on a key of its own choosing (lead-service's replies, keyed by lead). */
    public String measureKeyed(String what, int batch, Supplier<KafkaProbe.Keyed> command) {
        send(List.of(command.get())); // the service's first batch (plans, pools) is not measured
        StringBuilder report = new StringBuilder();
        report.append(round(what + ", one command alone", 1, command));
        report.append(round(what + ", " + batch + " commands in one produce request", batch, command));
        return report.toString();
    }

    private String round(String title, int commands, Supplier<KafkaProbe.Keyed> command) {
        long[] rowsBefore = rows();
        List<KafkaProbe.Keyed> sent = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            sent.add(command.get());
        }
        List<String> seen;
        try (SqlStatements statements = SqlStatements.record()) {
            send(sent);
            seen = statements.all();
        }
        long[] rowsAfter = rows();
        Map<String, Integer> byStart = new TreeMap<>();
        seen.forEach(statement -> byStart.merge(statement.substring(0, Math.min(70, statement.length())), 1, Integer::sum));
        StringBuilder text = new StringBuilder(String.format("%s: %d statements (Hibernate's log), rows inserted %.2f"
                        + " and deleted %.2f per command (pg_stat_database, the relay's deletes of sent outbox rows included)%n",
                title, seen.size(), (rowsAfter[0] - rowsBefore[0]) / (double) commands, (rowsAfter[1] - rowsBefore[1]) / (double) commands));
        byStart.forEach((start, count) -> text.append(String.format("  %5d  %s%n", count, start)));
        return text.toString();
    }

    private void send(List<KafkaProbe.Keyed> commands) {
        KafkaProbe.sendTogether(topic, commands);
        ConsumerLag.awaitNone(group, topic, Duration.ofSeconds(60));
        // the outbox relay sends and deletes; an idle PostgreSQL backend reports its statistics within 10 s (PGSTAT_IDLE_INTERVAL)
        pause(Duration.ofSeconds(11));
    }

    /** Rows inserted and deleted in the service's database so far. */
    private static long[] rows() {
        String[] both = Db.text("select tup_inserted || '|' || tup_deleted from pg_stat_database where datname = current_database()")
                .split("\\|");
        return new long[]{Long.parseLong(both[0]), Long.parseLong(both[1])};
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
