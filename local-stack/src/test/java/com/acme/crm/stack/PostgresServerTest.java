package com.acme.crm.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void createsRoleAndDatabasesOnceAndKeepsDataAcrossRestarts() throws Exception {
        PostgresServer.Settings settings = new PostgresServer.Settings(dir.resolve("pg"), dir.resolve("postgres.log"),
                FreePorts.next(), "crm", "crm", List.of("lead", "account"));

        try (PostgresServer postgres = new PostgresServer(settings).start();
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl("lead"), "crm", "crm");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (name text)");
            statement.execute("INSERT INTO survivor VALUES ('kept')");
        }

        // same directory again: no second initdb, the role and databases exist, the row is still there
        try (PostgresServer postgres = new PostgresServer(settings).start();
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl("lead"), "crm", "crm");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT name FROM survivor")) {
            assertTrue(result.next());
            assertEquals("kept", result.getString(1));
            try (Connection account = DriverManager.getConnection(postgres.jdbcUrl("account"), "crm", "crm")) {
                assertTrue(account.isValid(2));
            }
        }
    }

    @Test
    void runsWithPostgresDurableDefaultsAndKeepsEveryCommitAcrossAKill9() throws Exception {
        PostgresServer.Settings settings = new PostgresServer.Settings(dir.resolve("pg"), dir.resolve("postgres.log"),
                FreePorts.next(), "crm", "crm", List.of("lead"));
        PostgresServer postgres = new PostgresServer(settings).start();
        try {
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("lead"), "crm", "crm");
                 Statement statement = connection.createStatement()) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
                        assertTrue(result.next());
                        assertEquals("on", result.getString(1), setting);
                    }
                }
                statement.execute("CREATE TABLE committed (n int)");
                statement.execute("INSERT INTO committed SELECT generate_series(1, 1000)");
            }

            postgres.kill();
            assertThrows(SQLException.class, () -> DriverManager.getConnection(postgres.jdbcUrl("lead"), "crm", "crm"));
            postgres.start();

            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("lead"), "crm", "crm");
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT count(*) FROM committed")) {
                assertTrue(result.next());
                assertEquals(1000, result.getInt(1), "every committed row survives the crash");
            }
        } finally {
            postgres.close();
        }
    }

    @Test
    void oneDatabaseCanRefuseConnectionsWhileTheOthersServe() throws Exception {
        PostgresServer.Settings settings = new PostgresServer.Settings(dir.resolve("pg"), dir.resolve("postgres.log"),
                FreePorts.next(), "crm", "crm", List.of("lead", "account"));
        try (PostgresServer postgres = new PostgresServer(settings).start();
             Connection open = DriverManager.getConnection(postgres.jdbcUrl("account"), "crm", "crm")) {
            postgres.refuseConnections("account");
            assertThrows(SQLException.class, () -> open.createStatement().execute("SELECT 1"), "open connections are ended");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(postgres.jdbcUrl("account"), "crm", "crm"));
            try (Connection lead = DriverManager.getConnection(postgres.jdbcUrl("lead"), "crm", "crm")) {
                assertTrue(lead.isValid(2));
            }
            postgres.allowConnections("account");
            try (Connection account = DriverManager.getConnection(postgres.jdbcUrl("account"), "crm", "crm")) {
                assertTrue(account.isValid(2));
            }
        }
    }
}
