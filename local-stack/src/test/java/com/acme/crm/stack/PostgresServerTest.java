package com.acme.crm.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
}
