package com.acme.crm.common.persistence;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every service's reactive pool, as Quarkus makes it, with one change: a statement up to {@code crm.db.prepared-statement-max-length}
 * characters stays prepared on a connection. Vert.x keeps none longer than 2,048 by default, and those are the costliest to
 * plan: a batch's joined writes (WriteBehind), account-service's NewRecords, Hibernate's loads of wide entities. Sent as
 * the unnamed statement each time, PostgreSQL parsed and planned them at every execution whatever plan_cache_mode said
 * (docs/performance.md, "Issue 9, seventeenth step"). Vert.x's own setting; Quarkus has no property for it.
 */
@Singleton
public class LongStatementsPrepared implements PgPoolCreator {

    @ConfigProperty(name = "crm.db.prepared-statement-max-length")
    int maxLength;

    @Override
    public Pool create(Input input) {
        input.pgConnectOptionsList().forEach(options -> options.setPreparedStatementCacheSqlLimit(maxLength));
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
