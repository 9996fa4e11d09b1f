package com.acme.crm.system;

import com.acme.crm.stack.ServiceDefinition;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each service's database did, from PostgreSQL's cumulative statistics ({@code pg_stat_database}: commits and
 * rows written; statements are counted by {@link StatementStatistics} when the run asks for pg_stat_statements). Two snapshots around a job give
 * its commits and rows per lead. PostgreSQL publishes a backend's counts at its transaction's end (at most once a
 * second) or within seconds when it goes idle, so take the second snapshot a few seconds after the job.
 */
record DatabaseActivity(Map<String, long[]> counts) {

    private static final String[] COLUMNS = {"xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted"};

    static DatabaseActivity now() throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            long[] values = new long[COLUMNS.length];
            for (int i = 0; i < COLUMNS.length; i++) {
                values[i] = Long.parseLong(RunningStack.column(service.database(), "select " + COLUMNS[i]
                        + " from pg_stat_database where datname = current_database()").get(0));
            }
            counts.put(service.name(), values);
        }
        return new DatabaseActivity(counts);
    }

    /** Per service, e.g. {@code lead-service: 5.1 commits, 0.0 rollbacks, 9.0 inserted, 6.0 updated, 4.0 deleted}. */
    String perLeadSince(DatabaseActivity before, int leads) {
        StringBuilder text = new StringBuilder();
        counts.forEach((service, after) -> {
            long[] earlier = before.counts().get(service);
            text.append(String.format("%n    %-20s", service));
            for (int i = 0; i < COLUMNS.length; i++) {
                text.append(String.format("  %s %.1f", COLUMNS[i], (after[i] - earlier[i]) / (double) leads));
            }
        });
        return text.toString();
    }
}
