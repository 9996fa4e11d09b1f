package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceDefinition;
import com.acme.crm.stack.StackConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The whole system as separate processes (the built service jars, a Kafka broker process,
 * PostgreSQL and the gateway), on free ports in a temporary folder, started once per test JVM
 * through the same code as the local stack.
 *
 * <p>A test class that needs a service configured otherwise ({@link #reconfigure}) leaves it so; the next class that
 * asks for the stack ({@link #get}) gets the stack's own configuration back first. The last class to reconfigure a
 * service thus costs no restart that nobody uses (a restart is a stop and a start of some 15 s in CI).
 */
final class RunningStack {

    private static LocalStack stack;
    /** The services running with a test's changes to their environment, to restart as the stack gives them. */
    private static final Set<String> reconfigured = new LinkedHashSet<>();

    private RunningStack() {
    }

    /** The running stack, started on the first call, every service as the stack configures it. */
    static synchronized LocalStack get() throws Exception {
        restoreAllBut(null);
        return started();
    }

    /**
     * Restarts the first instance of {@code service} with {@code changes} to the stack's environment for it (see
     * {@link LocalStack#restartWith}); it runs so until the next {@link #get}. A service another class left
     * reconfigured restarts once, straight into {@code changes}.
     */
    static synchronized LocalStack reconfigure(String service, Map<String, String> changes) throws Exception {
        restoreAllBut(service);
        started().restartWith(service, changes);
        reconfigured.add(service);
        return stack;
    }

    private static void restoreAllBut(String kept) throws Exception {
        for (String service : List.copyOf(reconfigured)) {
            if (!service.equals(kept)) {
                started().restartWith(service, Map.of());
                reconfigured.remove(service);
            }
        }
    }

    private static LocalStack started() throws Exception {
        if (stack == null) {
            Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in system-tests/
            Map<String, Integer> services = new LinkedHashMap<>();
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                services.put(service.name(), freePort());
            }
            StackConfig config = new StackConfig(root, Files.createTempDirectory("crm-system-test"),
                    freePort(), freePort(), freePort(), freePort(), services);
            stack = LocalStack.startWith(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                // the databases and the broker's data (2 GB after the benchmark's million leads) would pile up run
                // after run in the temporary directory; the logs stay, for a run that failed
                deleteTree(config.postgresDir());
                deleteTree(config.kafkaDir());
            }, "system-test-stack-stop"));
        }
        return stack;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
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
