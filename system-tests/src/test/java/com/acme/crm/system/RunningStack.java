package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceDefinition;
import com.acme.crm.stack.StackConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as separate processes (the built service jars, a Kafka broker process,
 * PostgreSQL and the gateway), on free ports in a temporary folder, started once per test JVM
 * through the same code as the local stack.
 */
final class RunningStack {

    private static LocalStack stack;

    private RunningStack() {
    }

    static synchronized LocalStack get() throws Exception {
        if (stack == null) {
            Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in system-tests/
            Map<String, Integer> services = new LinkedHashMap<>();
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                services.put(service.name(), freePort());
            }
            StackConfig config = new StackConfig(root, Files.createTempDirectory("crm-system-test"),
                    freePort(), freePort(), freePort(), freePort(), services);
            stack = LocalStack.startWith(config);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-test-stack-stop"));
        }
        return stack;
    }

    /** A port nothing listens on now, for one more process of a test. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The number a {@code select count(...)} answers in one of the stack's databases (read directly: the APIs page). */
    static int count(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(database), StackConfig.DB_USER, StackConfig.DB_PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The first column of every row a query answers in one of the stack's databases. */
    static List<String> column(String database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(database), StackConfig.DB_USER, StackConfig.DB_PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
