package com.acme.crm.common.inbox;

import com.acme.crm.common.inbox.FailureClassifier.Kind;

import java.time.Duration;

/**
 * Whether a failed attempt at a message is tried again, and when (no I/O). Transient faults are
 * retried for as long as they last, with a capped exponential backoff; a deterministic failure
 * is given up at once (unless the work must be done whatever it takes); an unknown one gets a
 * few quick attempts first, and so does a time-out: a message whose work hangs every time is
 * given up (set aside) after {@code timedOutAttempts} of them, each a time limit long, while a lock
 * held by someone else, however long, ends each attempt as a transient fault (lock_timeout) and is
 * waited out.
 */
public record RetryDecision(Duration firstBackoff, Duration maxBackoff, int unknownAttempts, int timedOutAttempts) {

    /** How the caller's work must end. */
    public enum Policy {
        /** Done, or given up (answered or set aside) when it cannot succeed. */
        GIVE_UP_WHEN_DETERMINISTIC,
        /** Done, however long it takes (a compensation, SPEC rule 8). */
        UNTIL_DONE
    }

    /**
     * True when a failure of {@code kind} is worth another attempt; {@code attempt} counts the
     * failures so far (for an unknown kind: the unknown ones; for a time-out: the time-outs), 1 for the first.
     */
    public boolean retry(Policy policy, Kind kind, int attempt) {
        return switch (kind) {
            case TRANSIENT -> true;
            case DETERMINISTIC -> policy == Policy.UNTIL_DONE;
            case UNKNOWN -> policy == Policy.UNTIL_DONE || attempt < unknownAttempts;
            case TIMED_OUT -> policy == Policy.UNTIL_DONE || attempt < timedOutAttempts;
        };
    }

    /** The pause after failed {@code attempt}: doubling from the first backoff, never above the cap. */
    public Duration backoff(int attempt) {
        long first = firstBackoff.toMillis();
        int doublings = Math.min(attempt - 1, 30);
        long millis = first << doublings;
        return Duration.ofMillis(Math.min(millis <= 0 ? Long.MAX_VALUE : millis, maxBackoff.toMillis()));
    }
}
