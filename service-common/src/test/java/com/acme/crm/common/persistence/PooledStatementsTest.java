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
 * Every service's pooled connections as service-common configures them (docs/performance.md, "Issue 9, eighth step",
 * "twelfth step" and "seventeenth step"): a statement that ran on a connection stays prepared there (one round trip the
 * next time, no parse), and from its sixth execution on PostgreSQL runs the generic plan it made then, without planning
 * again (plan_cache_mode=auto), until an ANALYZE of its tables. That plan outlives the table as it was: made while the
 * table was empty, with sequential scans allowed, it scanned the whole table on every later call (opportunity-service's
 * AttemptLookup took 6.85 ms a call that way in a 5,000-lead job). With enable_seqscan=off it probes the index, which
 * stays right as the table grows; with enable_seqscan=on this test fails.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PooledStatementsTest {

    private static final String MARKED = "select id from pooled_statements_probe where id = any(cast(cast($1 as text) as int[]))";

    private static final String IDS = "{1,2,3,4,5,6,7,8,9,10}";

    @Inject
    Pool pool;

    @Test
    void aStatementStaysPreparedAndItsPlanMadeOnAnEmptyTableStaysRightAsItGrows() {
        Row seen = pool.withConnection(c -> c.query("create temporary table pooled_statements_probe (id int primary key, pad char(1000))")
                        .execute()
                        // ten executions while the table is empty: PostgreSQL settles on a generic plan at the sixth, a
                        // sequential scan for rows this wide if allowed (PostgreSQL 17 takes an empty table for 10 pages)
                        .chain(() -> lookUp(c, 10))
                        .chain(() -> c.query("insert into pooled_statements_probe select i, 'x' from generate_series(1, 5000) i").execute())
                        .chain(() -> lookUp(c, 1))
                        .chain(() -> c.query("select name, generic_plans, custom_plans, current_setting('plan_cache_mode') as mode,"
                                + " current_setting('enable_seqscan') as seqscan"
                                + " from pg_prepared_statements where statement like '%pooled_statements_probe where%'").execute())
                        .map(rows -> rows.iterator().next())
                        .call(row -> c.query("explain execute \"" + row.getString("name") + "\"('" + IDS + "')").execute()
                                .invoke(plan -> {
                                    StringBuilder text = new StringBuilder();
                                    plan.forEach(line -> text.append(line.getString(0)).append('\n'));
                                    assertTrue(text.toString().contains("Index"), "the plan made on the empty table:\n" + text);
                                }))
                        .call(() -> c.query("drop table pooled_statements_probe").execute()))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(5L, seen.getLong("custom_plans"), "prepared once on the connection and planned at its first five executions");
        assertEquals(6L, seen.getLong("generic_plans"), "then its generic plan, kept");
        assertEquals("auto", seen.getString("mode"));
        assertEquals("off", seen.getString("seqscan"));
    }

    private static Uni<Void> lookUp(SqlConnection c, int times) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int i = 0; i < times; i++) {
            all = all.chain(() -> c.preparedQuery(MARKED).execute(Tuple.of(IDS)).replaceWithVoid());
        }
        return all;
    }
}
