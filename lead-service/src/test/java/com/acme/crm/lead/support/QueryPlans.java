package com.acme.crm.lead.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans of the list queries: the SQL with its parameters as literals, explained, checked and written down. */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** {@code sql} with each {@code :name} replaced by its value as a literal (so the plan sees the values). */
    public static String withLiterals(String sql, Map<String, Object> parameters) {
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            sql = sql.replace(":" + parameter.getKey(), literal(parameter.getValue()));
        }
        return sql;
    }

    /** {@code sql} with each {@code $n} replaced by the n-th of {@code parameters} as a literal (the reactive client's form). */
    public static String withPositionalLiterals(String sql, List<Object> parameters) {
        for (int n = parameters.size(); n >= 1; n--) { // $12 before $1
            Object value = parameters.get(n - 1);
            sql = sql.replace("$" + n, literal(value instanceof OffsetDateTime time ? time.toInstant() : value));
        }
        return sql;
    }

    private static String literal(Object value) {
        return value instanceof Number ? value.toString()
                : "'" + value.toString().replace("'", "''") + "'" + (value instanceof Instant ? "::timestamptz"
                : value instanceof UUID ? "::uuid" : "");
    }

    /**
     * ANALYZE of {@code table} from every one of its rows, in the caller's transaction: the plans then follow from the
     * table, not from ANALYZE's random sample of 300 × default_statistics_target rows, whose estimate of a search's
     * {@code LIKE '%1234%'} once led the planner to walk lead_created for 100,104 rows (stop 29's CI).
     */
    public static void analyzeEveryRow(Statement s, String table) throws Exception {
        long rows;
        try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            rows = rs.getLong(1);
        }
        long target = Math.max(100, rows / 300 + 1); // ANALYZE samples 300 rows per unit of the target
        if (target > 10_000) {
            throw new IllegalArgumentException(table + " has " + rows + " rows, more than ANALYZE samples at its largest target");
        }
        s.execute("set local default_statistics_target = " + target);
        s.execute("analyze " + table);
    }

    /** The plan of {@code sql}, which must use every one of {@code indexes} and no sequential scan. */
    public static String expect(Statement s, String sql, String... indexes) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("explain (analyze, costs off, timing off, summary off) " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        String text = plan.toString();
        for (String index : indexes) {
            assertTrue(text.contains(index), "expected " + index + " for\n" + sql + "\n" + text);
        }
        assertFalse(text.contains("Seq Scan"), "a sequential scan for\n" + sql + "\n" + text);
        return sql + "\n\n" + text;
    }

    private static final Pattern ROWS = Pattern.compile("actual rows=(\\d+) loops=(\\d+)");
    private static final Pattern REMOVED = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+)");

    /**
     * The most rows any one node of {@code plan} produced (rows × loops) or discarded: what a query
     * reads, whatever the table's size. A sort over the whole table shows up here as a large number.
     */
    public static long mostRowsOfOneNode(String plan) {
        long most = 0;
        Matcher rows = ROWS.matcher(plan);
        while (rows.find()) {
            most = Math.max(most, Long.parseLong(rows.group(1)) * Long.parseLong(rows.group(2)));
        }
        Matcher removed = REMOVED.matcher(plan);
        while (removed.find()) {
            most = Math.max(most, Long.parseLong(removed.group(1)));
        }
        return most;
    }

    /** Writes the plans to {@code target/<file>} (the docs show them). */
    public static void write(String file, String title, Map<String, String> plans) throws Exception {
        StringBuilder out = new StringBuilder("# " + title + "\n");
        plans.forEach((name, plan) -> out.append("\n## ").append(name).append("\n\n```\n").append(plan).append("```\n"));
        Files.writeString(Path.of("target", file), out);
    }
}
