package com.acme.crm.lead.support;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The SQL statements Hibernate runs while it records (its {@code org.hibernate.SQL} log, which lead-service's
 * {@code %test} configuration sets to DEBUG, the console staying at INFO), for tests that count statements per lead. The relay's own statements go through the Vert.x
 * pool and are not seen here.
 */
public final class SqlStatements implements AutoCloseable {

    private static final Logger SQL = Logger.getLogger("org.hibernate.SQL");

    private final List<String> seen = new CopyOnWriteArrayList<>();
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
    }
}
