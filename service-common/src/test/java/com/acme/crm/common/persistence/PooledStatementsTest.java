package com.acme.crm.common.persistence;

import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service's pooled connections as service-common configures them (docs/performance.md, "Issue 9, eighth step"
 * and "twelfth step"): a statement that ran on a connection stays prepared there (one round trip the next time, no
 * parse), and PostgreSQL still plans every execution with its own values and the table as it is then. A generic plan
 * would be made once, at the sixth execution, and kept for the connection's life: made while a table was empty it
 * scans the whole table on every later call (opportunity-service's AttemptLookup took 6.85 ms a call that way in a
 * 5,000-lead job).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PooledStatementsTest {

    private static final String IDS = "{1,2,3,4,5,6,7,8,9,10}";

    @Inject
    Pool pool;

    @Test
    void aStatementStaysPreparedAndIsPlannedWithTheTableAsItIsNow() {
        Row seen = pool.withConnection(c -> growAndExplain(c, "pooled_statements_probe"))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(0L, seen.getLong("generic_plans"), "never a generic plan");
        assertEquals(11L, seen.getLong("custom_plans"), "prepared once on the connection, kept and planned at each execution");
        assertEquals("force_custom_plan", seen.getString("mode"));
    }

    /**
     * What a pool with {@code CRM_DB_PLAN_CACHE_MODE=auto} needs beside it (docs/operations.md, docs/performance.md
     * "seventeenth step"): the generic plan PostgreSQL settles on at the sixth execution, made while the table is empty,
     * probes the index with {@code enable_seqscan=off} and so stays right as the table grows. With sequential scans
     * allowed it is a scan of the table, kept: this test fails then ({@code -Dpooled-statements.enable-seqscan=on}:
     * {@code Seq Scan on pooled_statements_generic}).
     */
    @Test
    void withGenericPlansAPlanMadeOnAnEmptyTableStaysRightAsItGrows() {
        Row seen = pool.withConnection(c -> c.query("set plan_cache_mode = auto").execute()
                        .chain(() -> c.query("set enable_seqscan = " + System.getProperty("pooled-statements.enable-seqscan", "off"))
                                .execute())
                        .chain(() -> growAndExplain(c, "pooled_statements_generic"))
                        // the pool's settings back for whoever takes the connection next, also when a check failed
                        .eventually(() -> c.query("reset plan_cache_mode").execute()
                                .chain(() -> c.query("reset enable_seqscan").execute())))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(5L, seen.getLong("custom_plans"), "planned at its first five executions");
        assertEquals(6L, seen.getLong("generic_plans"), "then its generic plan, kept");
    }

    /**
     * A look-up run ten times on an empty temporary {@code table} of wide rows (enough for PostgreSQL to settle on a
     * generic plan if allowed, a sequential scan for rows this wide: PostgreSQL 17 takes an empty table for 10 pages),
     * once more after 5,000 rows: its plan then must use the index. @return its counts in pg_prepared_statements
     */
    private static Uni<Row> growAndExplain(SqlConnection c, String table) {
        String lookUp = "select id from " + table + " where id = any(cast(cast($1 as text) as int[]))";
        return c.query("create temporary table " + table + " (id int primary key, pad char(1000))").execute()
                .chain(() -> lookUp(c, lookUp, 10))
                .chain(() -> c.query("insert into " + table + " select i, 'x' from generate_series(1, 5000) i").execute())
                .chain(() -> lookUp(c, lookUp, 1))
                .chain(() -> c.query("select name, generic_plans, custom_plans, current_setting('plan_cache_mode') as mode"
                        + " from pg_prepared_statements where statement like '%" + table + " where%'").execute())
                .map(rows -> rows.iterator().next())
                .call(row -> c.query("explain execute \"" + row.getString("name") + "\"('" + IDS + "')").execute()
                        .invoke(plan -> {
                            StringBuilder text = new StringBuilder();
                            plan.forEach(line -> text.append(line.getString(0)).append('\n'));
                            assertTrue(text.toString().contains("Index"), "planned with the table as it is now:\n" + text);
                        }))
                .call(() -> c.query("drop table " + table).execute());
    }

    private static Uni<Void> lookUp(SqlConnection c, String sql, int times) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int i = 0; i < times; i++) {
            all = all.chain(() -> c.preparedQuery(sql).execute(Tuple.of(IDS)).replaceWithVoid());
        }
        return all;
    }
}
