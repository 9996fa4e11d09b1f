package com.acme.crm.testinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.containers.PostgreSQLContainer;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL server tests use, started once per test JVM (external, Testcontainers or
 * embedded binaries, see {@link InfrastructureMode}). Every caller gets a fresh database of its
 * own, so modules and test runs sharing an external server never see each other's rows.
 */
public final class TestPostgres {

    /** Where a fresh database is and how to log in. */
    public record Database(String host, int port, String name, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }
    }

    private record Server(String host, int port, String user, String password) {
    }

    private static Server server;

    private TestPostgres() {
    }

    public static synchronized Database freshDatabase() {
        if (server == null) {
            server = start();
        }
        String name = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + server.host + ":" + server.port + "/postgres", server.user, server.password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new Database(server.host, server.port, name, server.user, server.password);
    }

    private static Server start() {
        String external = InfrastructureMode.externalPostgres();
        if (external != null) {
            return parse(external);
        }
        try {
            return InfrastructureMode.useTestcontainers() ? startContainer() : startEmbedded();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test PostgreSQL server", e);
        }
    }

    private static Server startEmbedded() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // the JVM is ending
            }
        }, "test-postgres-stop"));
        return new Server("localhost", postgres.getPort(), "postgres", "postgres");
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    private static Server startContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:" + InfrastructureMode.POSTGRES_IMAGE_TAG)
                .withCommand("postgres", "-c", "max_connections=300");
        container.start();
        return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(), container.getPassword());
    }

    /** {@code jdbc:postgresql://host:port/db?user=u&password=p}. */
    private static Server parse(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = "postgres";
        String password = "";
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user")) {
                    user = kv[1];
                } else if (kv[0].equals("password")) {
                    password = kv[1];
                }
            }
        }
        return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
    }
}
