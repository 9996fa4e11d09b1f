package com.acme.crm.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points the Quarkus service under test at a real Kafka broker, a fresh database of its own on a
 * real PostgreSQL server, and the public key of {@link TestTokens}. Use it with
 * {@code @QuarkusTestResource(RealInfrastructure.class)}.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        return Map.of(
                "kafka.bootstrap.servers", TestKafka.bootstrapServers(),
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "mp.jwt.verify.publickey", TestTokens.publicKeyPem(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // The broker and the server live for the whole JVM (shutdown hooks stop them); the
        // database is thrown away with them.
    }
}
