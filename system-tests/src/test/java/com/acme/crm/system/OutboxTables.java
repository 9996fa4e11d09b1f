package com.acme.crm.system;

import com.acme.crm.stack.ServiceDefinition;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Each service's outbox table after a job ({@code -Dbench.explain=true}): its live and dead rows and pages, how often
 * it was vacuumed, and what the relay's select of its oldest rows reads now (EXPLAIN ANALYZE with buffers of the
 * select's inner part, the other lane's). A table that holds a few dozen rows but many dead ones makes each of the
 * relay's rounds read more than it sends.
 */
final class OutboxTables {

    private static final String STATISTICS = """
            select format('%s live, %s dead rows, %s pages (%s of its indexes); %s inserted, %s deleted since the stack'
                          || ' started; vacuumed %s times (autovacuum %s), last %s',
                          n_live_tup, n_dead_tup, pg_relation_size(relid) / 8192, pg_indexes_size(relid) / 8192,
                          n_tup_ins, n_tup_del, vacuum_count + autovacuum_count, autovacuum_count,
                          coalesce(to_char(greatest(last_vacuum, last_autovacuum), 'HH24:MI:SS'), 'never'))
            from pg_stat_user_tables where relname = 'outbox_message'""";

    // the relay's inner select (OutboxRelay.oldestRows) for the other lane, with its default batch of 500
    private static final String RELAY_SELECT = """
            explain (analyze, buffers, costs off, timing off, summary off)
            select id, message_id, topic, message_key, type, payload, created_at, traceparent
            from outbox_message where topic not like '%.interactive' order by id limit 500""";

    private OutboxTables() {
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            try {
                lines.add(String.format("%-20s %s", service.name(), RunningStack.column(service.database(), STATISTICS).get(0)));
                List<String> plan = RunningStack.column(service.database(), RELAY_SELECT).stream()
                        .takeWhile(line -> !line.startsWith("Planning")).map(String::strip).toList();
                lines.add(String.format("%-20s the relay's select: %s", "", String.join(" | ", plan.stream()
                        .filter(line -> line.contains("Scan") || line.startsWith("Buffers")).toList())));
            } catch (SQLException e) {
                lines.add(String.format("%-20s not read: %s", service.name(), e.getMessage()));
            }
        }
        return lines;
    }
}
