package com.acme.crm.testinfra;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The SQL statements Hibernate runs while it records (its {@code org.hibernate.SQL} log, switched to DEBUG for as long
 * as it records; the console stays at INFO), for tests and probes that count statements. The outbox relay's own
 * statements go through the Vert.x pool and are not seen here, nor are BEGIN and COMMIT.
 */
public final class SqlStatements implements AutoCloseable {

    private static final Logger SQL = Logger.getLogger("org.hibernate.SQL");

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Level levelBefore = SQL.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            seen.add(record.getMessage().replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private SqlStatements() {
        handler.setLevel(Level.ALL);
        if (!SQL.isLoggable(Level.FINE)) {
            SQL.setLevel(Level.FINE);
        }
        SQL.addHandler(handler);
    }

    /** Starts recording. */
    public static SqlStatements record() {
        return new SqlStatements();
    }

    /** The statements seen so far that start with {@code start} (lower case, whitespace collapsed). */
    public long startingWith(String start) {
        return seen.stream().filter(s -> s.startsWith(start)).count();
    }

    /** The statements seen so far that contain {@code part}. */
    public long containing(String part) {
        return seen.stream().filter(s -> s.contains(part)).count();
    }

    public List<String> all() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        SQL.removeHandler(handler);
        SQL.setLevel(levelBefore);
    }
}
