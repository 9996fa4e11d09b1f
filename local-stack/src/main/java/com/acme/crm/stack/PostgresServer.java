package com.acme.crm.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from the zonky binaries, with its data directory kept between starts, so the local stack behaves
 * like a small installed database: the first start creates the role and the databases, later starts reuse them.
 *
 * <p>Durable like an installed PostgreSQL (SPEC rule 11): zonky is made for throw-away test databases and starts the
 * server with {@code -F} (fsync off) and {@code synchronous_commit=off}; {@link #DURABLE} sets PostgreSQL's own
 * defaults back explicitly, so a commit the services were told about survives a crash of the server or the machine.
 * The system tests run the stack with exactly these settings.
 */
public final class PostgresServer implements AutoCloseable {

    /** Where the data lives, the port, and the role and databases the services expect. */
    public record Settings(Path dataDir, Path logFile, int port, String user, String password, List<String> databases) {
    }

    /** PostgreSQL's durable defaults, each stated because zonky changes them (the {@code -c} options win over {@code -F}). */
    public static final Map<String, String> DURABLE = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    /**
     * For profiling only ({@code -Dcrm.stack.postgres.statement-statistics=true} or
     * {@code CRM_STACK_POSTGRES_STATEMENT_STATISTICS=true}): loads pg_stat_statements, which counts every statement's
     * calls, rows, execution and planning time per database (the benchmark prints them per lead). Off by default: it costs
     * a little on every statement (track_planning a little more: it times every planning too).
     */
    public static final Map<String, String> STATEMENT_STATISTICS = Map.of(
            "shared_preload_libraries", "pg_stat_statements",
            "pg_stat_statements.track_planning", "on");

    /**
     * For diagnosis only ({@code -Dcrm.stack.postgres.explain=true} or {@code CRM_STACK_POSTGRES_EXPLAIN=true}): loads
     * auto_explain, which writes to the server's log the plan of every statement that took 3 ms or more, as it ran (rows,
     * buffers, I/O time; nested statements left out), and logs every lock wait longer than 100 ms. Off by default:
     * timing every plan node costs on every statement.
     */
    public static final Map<String, String> EXPLAIN = Map.of(
            "shared_preload_libraries", "auto_explain",
            "auto_explain.log_min_duration", "3ms",
            "auto_explain.log_analyze", "on",
            "auto_explain.log_buffers", "on",
            "auto_explain.log_nested_statements", "off",
            "track_io_timing", "on",
            "log_lock_waits", "on",
            // log_lock_waits reports a wait once it has lasted deadlock_timeout (1 s by default)
            "deadlock_timeout", "100ms");

    private final Settings settings;
    private EmbeddedPostgres postgres;

    public PostgresServer(Settings settings) {
        this.settings = settings;
    }

    public PostgresServer start() throws IOException, SQLException {
        Files.createDirectories(settings.dataDir());
        Files.createDirectories(settings.logFile().getParent());
        var log = java.lang.ProcessBuilder.Redirect.appendTo(settings.logFile().toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(settings.dataDir())
                // keep the data: zonky's default is a throw-away directory
                .setCleanDataDirectory(false)
                .setPort(settings.port())
                .setOutputRedirector(log)
                .setErrorRedirector(log);
        DURABLE.forEach(builder::setServerConfig);
        Map<String, String> diagnosis = new LinkedHashMap<>();
        if (statementStatisticsAsked()) {
            diagnosis.putAll(STATEMENT_STATISTICS);
        }
        if (asked("crm.stack.postgres.explain", "CRM_STACK_POSTGRES_EXPLAIN")) {
            EXPLAIN.forEach((name, value) -> diagnosis.merge(name, value, (one, other) -> one + "," + other));
        }
        diagnosis.forEach(builder::setServerConfig);
        postgres = builder.start();
        createRoleAndDatabases();
        return this;
    }

    /**
     * A crash, for fault tests: SIGKILL to the postmaster and every process it started, as when its machine or
     * container dies; nothing is flushed or shut down. {@link #start()} starts it again on the same data (crash
     * recovery replays the write-ahead log).
     */
    public void kill() throws IOException {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid())
                .orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(process -> process.onExit().join());
        // releases zonky's lock on the data directory; its pg_ctl stop fails (nothing runs) and only logs that
        postgres.close();
        postgres = null;
    }

    /**
     * One database refuses every connection and loses the ones it had, while the server and the other databases run
     * on: the database of one service becomes unavailable, as in an outage of that service's database only.
     */
    public void refuseConnections(String database) throws SQLException {
        try (Connection connection = superuserConnection("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + identifier(database) + " WITH ALLOW_CONNECTIONS false");
            try (PreparedStatement terminate = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, database);
                terminate.executeQuery().close();
            }
        }
    }

    /** Ends {@link #refuseConnections(String)}. */
    public void allowConnections(String database) throws SQLException {
        try (Connection connection = superuserConnection("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + identifier(database) + " WITH ALLOW_CONNECTIONS true");
        }
    }

    /** The postmaster's process id (its backends are its children), e.g. for the benchmark's CPU and memory figures. */
    public long pid() throws IOException {
        return postmasterPid();
    }

    /** The first line of postmaster.pid, which PostgreSQL writes into its data directory while it runs. */
    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(settings.dataDir().resolve("postmaster.pid")).get(0).trim());
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
                if (statementStatisticsAsked()) {
                    try (Connection inDatabase = superuserConnection(database); Statement statement = inDatabase.createStatement()) {
                        statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                    }
                }
            }
        }
    }

    private static boolean statementStatisticsAsked() {
        return asked("crm.stack.postgres.statement-statistics", "CRM_STACK_POSTGRES_STATEMENT_STATISTICS");
    }

    private static boolean asked(String property, String variable) {
        return Boolean.parseBoolean(System.getProperty(property, String.valueOf(System.getenv(variable))));
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
            postgres = null;
        }
    }
}
