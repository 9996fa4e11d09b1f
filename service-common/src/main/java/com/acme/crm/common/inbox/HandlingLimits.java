package com.acme.crm.common.inbox;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a consumer transaction's work may take ({@link TimeLimit}), checked at start-up against the limits around it
 * (no I/O). The order is what makes a hang a failure the consumer handles, and a lock wait a transient fault:
 * <ol>
 * <li>{@code lockTimeout} (the pool's PostgreSQL {@code lock_timeout}) ends a statement that waits for a lock with SQLSTATE
 * 55P03, a transient fault retried until the lock is free: it must be set and below the time limit, or a lock held by
 * someone else (an operator's open transaction) would end as a time-out and the message would be set aside;</li>
 * <li>{@code statementTimeout} ({@code statement_timeout}, 0: none) ends a statement that runs too long; above
 * {@code lockTimeout}, so that a lock wait ends as one;</li>
 * <li>{@code transactionTimeout} ({@code transaction_timeout}, PostgreSQL 17+) ends the session of a transaction older
 * than it: above {@code statementTimeout}, so that a runaway statement ends as a time-out, and below the time limit, so
 * that when the time limit strikes its transaction is already gone on the server. Otherwise a time-out in the middle of
 * one of Hibernate Reactive's own chains of statements (a flush) would roll back while a statement is in flight, and the
 * chain's next statement would run after the ROLLBACK, outside any transaction;</li>
 * <li>{@code timeLimit} ends the work in Java (a Uni that never resolves); an attempt stays quiet for at most the time
 * limit plus the statement timeout;</li>
 * <li>{@code stuckAfter} (the watchdog's, 0: off) must be longer than that, so a hang is handled without a restart; the
 * watchdog stays the last resort for what the limits cannot stop (a statement with no statement timeout, a dead TCP
 * connection).</li>
 * </ol>
 * A time limit of 0 switches it off (the watchdog alone then notices a hang, as before it existed); the database's
 * limits are still checked against each other.
 */
public record HandlingLimits(Duration timeLimit, Duration lockTimeout, Duration statementTimeout, Duration transactionTimeout,
                             Duration stuckAfter) {

    /** A PostgreSQL time setting: an integer with one of its units, or none for milliseconds ("10s", "1min", "500"). */
    private static final Pattern POSTGRES_TIME = Pattern.compile("\\s*(\\d+)\\s*(us|ms|s|min|h|d)?\\s*");

    public HandlingLimits {
        if (timeLimit.isNegative()) {
            throw new IllegalArgumentException("crm.consumer.time-limit must be positive, or 0 (none), not " + timeLimit);
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero() || !timeLimit.isZero() && lockTimeout.compareTo(timeLimit) >= 0) {
            throw new IllegalArgumentException("the pool's lock_timeout (" + lockTimeout + ", CRM_DB_LOCK_TIMEOUT) must be set and"
                    + " shorter than crm.consumer.time-limit (" + timeLimit + "): a lock wait is a transient fault, retried"
                    + " until the lock is free, not a hang");
        }
        if (!statementTimeout.isZero() && statementTimeout.compareTo(lockTimeout) <= 0) {
            throw new IllegalArgumentException("the pool's statement_timeout (" + statementTimeout + ", CRM_DB_STATEMENT_TIMEOUT)"
                    + " must be 0 (none) or longer than its lock_timeout (" + lockTimeout + ")");
        }
        if (!timeLimit.isZero() && (transactionTimeout.isZero() || transactionTimeout.compareTo(timeLimit) >= 0)) {
            throw new IllegalArgumentException("the pool's transaction_timeout (" + transactionTimeout
                    + ", CRM_DB_TRANSACTION_TIMEOUT) must be set and shorter than crm.consumer.time-limit (" + timeLimit
                    + "): a time-out must find its transaction already ended by the server, never a statement in flight"
                    + " with more of the transaction to come after its rollback");
        }
        if (!transactionTimeout.isZero() && transactionTimeout.compareTo(statementTimeout) <= 0) {
            throw new IllegalArgumentException("the pool's transaction_timeout (" + transactionTimeout + ") must be 0 (none)"
                    + " or longer than its statement_timeout (" + statementTimeout + "), so a runaway statement ends as one");
        }
        if (!stuckAfter.isZero() && !timeLimit.isZero() && timeLimit.plus(statementTimeout).compareTo(stuckAfter) >= 0) {
            throw new IllegalArgumentException("crm.consumer.time-limit (" + timeLimit + ") plus the pool's statement_timeout ("
                    + statementTimeout + ") must be shorter than crm.consumer.watchdog.stuck-after (" + stuckAfter
                    + "): a hang must end as a failed attempt before liveness fails");
        }
    }

    /** A PostgreSQL time setting as it is written in the pool's connection properties; absent or "0": zero. */
    public static Duration postgresTime(String setting) {
        if (setting == null || setting.isBlank()) {
            return Duration.ZERO;
        }
        Matcher time = POSTGRES_TIME.matcher(setting);
        if (!time.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL time setting this check reads (an integer and one of us, ms, s,"
                    + " min, h, d): " + setting);
        }
        long amount = Long.parseLong(time.group(1));
        String unit = time.group(2) == null ? "ms" : time.group(2);
        return switch (unit) {
            case "us" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
