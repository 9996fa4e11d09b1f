package com.acme.crm.common.inbox;

import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.common.messaging.PermanentFailure;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what a failure of a message handler means, from the exception alone (no I/O): worth
 * waiting for (the database or broker is away, a lock or an optimistic check lost a race, a lock
 * wait ended by lock_timeout), bound to happen again (the message cannot be read, a value breaks a
 * constraint, a bug), or a time-out (the work did not end within its time limit, or a statement
 * within the statement timeout), which says neither.
 */
public final class FailureClassifier {

    /** How a failed attempt is handled. */
    public enum Kind {
        /** The world will change: retry, however long it takes. */
        TRANSIENT,
        /** The message itself cannot succeed: answer or set it aside at once. */
        DETERMINISTIC,
        /** Not known: a few quick attempts, then treated as deterministic. */
        UNKNOWN,
        /**
         * The work did not end in time ({@link HandlingTimedOut}, or a statement cancelled by the pool's
         * statement_timeout): a few attempts, then a message that hangs every time is treated as deterministic. A lock
         * wait is not one of these: lock_timeout ends it first (55P03, transient; {@link HandlingLimits}).
         */
        TIMED_OUT
    }

    /** Longest reason handed to a rejection or kept with a set-aside message. */
    public static final int MAX_REASON = 500;

    /**
     * PostgreSQL SQLSTATE classes (the first two characters) and codes that say "try again later":
     * 08 connection, 40 transaction rollback (serialization, deadlock), 53 insufficient resources,
     * 57 operator intervention (shutdown, cancel), 58 system error; 55P03 lock not available.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** 22 data exception, 23 integrity constraint, 42 syntax or access rule (a bug: retrying will not fix it). */
    private static final Set<String> DETERMINISTIC_CLASSES = Set.of("22", "23", "42");
    /** query_canceled: by statement_timeout (a time-out), or by an operator or a shutdown (transient, class 57). */
    private static final String QUERY_CANCELED = "57014";

    private FailureClassifier() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof PermanentFailure || t instanceof UnreadableMessageException) {
                return Kind.DETERMINISTIC;
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            // before the database's error: a rollback after a time-out may fail too (a connection the database closed)
            if (t instanceof HandlingTimedOut || isStatementTimeout(t)) {
                return Kind.TIMED_OUT;
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            String state = sqlState(t);
            if (state != null && state.length() == 5) {
                if (state.equals("55P03") || TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
                    return Kind.TRANSIENT;
                }
                if (DETERMINISTIC_CLASSES.contains(state.substring(0, 2))) {
                    return Kind.DETERMINISTIC;
                }
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (isTransient(t)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.UNKNOWN;
    }

    /**
     * What went wrong, for people: the handler's own reason, or the database's message (with its
     * detail and SQLSTATE), or the exception; at most {@link #MAX_REASON} characters.
     */
    public static String reason(Throwable failure) {
        String reason = null;
        for (Throwable t = failure; t != null && reason == null; t = next(t)) {
            if (t instanceof PermanentFailure permanent) {
                reason = permanent.reason();
            } else if (t instanceof UnreadableMessageException || t instanceof HandlingTimedOut) {
                reason = t.getMessage();
            }
        }
        for (Throwable t = failure; t != null && reason == null; t = next(t)) {
            if (t instanceof PgException pg) {
                reason = pg.getErrorMessage() + (pg.getDetail() != null ? " (" + pg.getDetail() + ")" : "")
                        + " [SQLSTATE " + pg.getSqlState() + "]";
            }
        }
        if (reason == null) {
            reason = failure.getMessage() != null ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                    : failure.getClass().getName();
        }
        return bounded(reason);
    }

    public static String bounded(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        if (t instanceof JDBCException jdbc) {
            return jdbc.getSQLState();
        }
        return null;
    }

    private static boolean isStatementTimeout(Throwable t) {
        return QUERY_CANCELED.equals(sqlState(t)) && t.getMessage() != null
                && t.getMessage().toLowerCase(Locale.ROOT).contains("statement timeout");
    }

    private static boolean isTransient(Throwable t) {
        if (t instanceof IOException // connection refused, reset or closed
                || t instanceof RetriableException // Kafka: broker away, leader moving, timeouts
                || t instanceof OptimisticLockException || t instanceof StaleStateException) {
            return true;
        }
        String type = t.getClass().getName();
        if (type.endsWith("TimeoutException") // java.util.concurrent, Vert.x pool, Netty connect
                || type.equals("io.vertx.sqlclient.ClosedConnectionException")) {
            return true;
        }
        // Vert.x reports a lost or closed connection and a closed or exhausted pool with a plain VertxException
        if (type.startsWith("io.vertx.") && t.getMessage() != null) {
            String message = t.getMessage().toLowerCase(Locale.ROOT);
            return message.contains("closed") || message.contains("connection refused") || message.contains("timeout")
                    || message.contains("timed out");
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
