package com.acme.crm.lead;

import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service's pooled connections as configured (docs/performance.md, "Issue 9, eighth step"): a statement that ran on
 * a connection stays prepared there (one round trip the next time, no parse), and PostgreSQL still plans every
 * execution with its own values, so a cached list search keeps the plan its values call for (docs/lead-queries.md).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PooledStatementsTest {

    private static final String MARKED = "select $1::int + 1 as pooled_statements_test";

    @Inject
    Pool pool;

    @Test
    void aStatementStaysPreparedOnItsConnectionAndIsPlannedWithItsValues() {
        Row seen = pool.withConnection(c -> c.preparedQuery(MARKED).execute(Tuple.of(1))
                        .chain(() -> c.preparedQuery(MARKED).execute(Tuple.of(2)))
                        .chain(() -> c.query("select (select count(*) from pg_prepared_statements"
                                + " where statement like '%pooled_statements_test%') as prepared,"
                                + " current_setting('plan_cache_mode') as plan_cache_mode").execute()))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next();
        assertEquals(1L, seen.getLong("prepared"), "the statement is prepared once on the connection and kept");
        assertEquals("force_custom_plan", seen.getString("plan_cache_mode"));
    }
}
