package com.acme.crm.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from the zonky binaries, with its data directory kept between starts, so the local stack behaves
 * like a small installed database: the first start creates the role and the databases, later starts reuse them.
 */
public final class PostgresServer implements AutoCloseable {

    /** Where the data lives, the port, and the role and databases the services expect. */
    public record Settings(Path dataDir, Path logFile, int port, String user, String password, List<String> databases) {
    }

    private final Settings settings;
    private EmbeddedPostgres postgres;

    public PostgresServer(Settings settings) {
        this.settings = settings;
    }

    public PostgresServer start() throws IOException, SQLException {
        Files.createDirectories(settings.dataDir());
        Files.createDirectories(settings.logFile().getParent());
        var log = java.lang.ProcessBuilder.Redirect.appendTo(settings.logFile().toFile());
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(settings.dataDir())
                // keep the data: zonky's default is a throw-away directory
                .setCleanDataDirectory(false)
                .setPort(settings.port())
                // zonky turns fsync off for tests; a database that should survive restarts wants it on
                .setServerConfig("fsync", "on")
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        createRoleAndDatabases();
        return this;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + settings.port() + "/" + database;
    }

    public int port() {
        return settings.port();
    }

    /** The superuser's connection, for the stack itself and for tests. */
    public Connection superuserConnection(String database) throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    /** Idempotent on purpose: runs on every start, creates only what is missing. */
    private void createRoleAndDatabases() throws SQLException {
        try (Connection connection = superuserConnection("postgres")) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", settings.user())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE " + identifier(settings.user()) + " LOGIN PASSWORD '"
                            + settings.password().replace("'", "''") + "'");
                }
            }
            for (String database : settings.databases()) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(settings.user()));
                    }
                }
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Names come from our own settings, but quoting keeps a hyphen or a capital from breaking the DDL. */
    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
