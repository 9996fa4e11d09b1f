package com.acme.crm.common.inbox;

import java.time.Duration;

/**
 * When a consumer batch that has not ended deserves a warning, and when it counts as stuck (no I/O; {@link BatchWatchdog}
 * applies it). A batch is judged on two clocks: how long it has <em>run</em> (since it reached the dispatcher), and how
 * long it has been <em>quiet</em> (since its last progress: its start, a message's work starting, an attempt starting or
 * failing). A batch that waits out a database outage retries (IdempotentConsumer), so it is never quiet for long, and a
 * restart would not help it; a batch whose statement or Uni never ends is quiet, and only a restart frees its partitions.
 *
 * @param warnAfter  a batch that has run this long is logged and counted, and again after each further {@code warnAfter}
 * @param stuckAfter a batch quiet this long is stuck: liveness goes DOWN; zero: never (liveness ignores batches)
 */
public record BatchLimits(Duration warnAfter, Duration stuckAfter) {

    private static final Duration FASTEST_CHECK = Duration.ofMillis(100);
    private static final Duration SLOWEST_CHECK = Duration.ofSeconds(5);

    public BatchLimits {
        if (warnAfter.isNegative() || warnAfter.isZero()) {
            throw new IllegalArgumentException("crm.consumer.watchdog.warn-after must be positive, not " + warnAfter);
        }
        if (stuckAfter.isNegative() || !stuckAfter.isZero() && stuckAfter.compareTo(warnAfter) <= 0) {
            // a batch is warned about before liveness fails for it
            throw new IllegalArgumentException("crm.consumer.watchdog.stuck-after must be 0 (off) or longer than warn-after ("
                    + warnAfter + "), not " + stuckAfter);
        }
    }

    /** How many warnings a batch that has run {@code running} should have had: none before warnAfter, then one per warnAfter. */
    public long warningsDue(Duration running) {
        return running.toNanos() / warnAfter.toNanos();
    }

    /** Whether a batch quiet for {@code quiet} is stuck. */
    public boolean stuck(Duration quiet) {
        return !stuckAfter.isZero() && quiet.compareTo(stuckAfter) >= 0;
    }

    /** How often running batches are looked at: a tenth of warnAfter (a warning comes at most that late), within 100 ms to 5 s. */
    public Duration checkEvery() {
        Duration tenth = warnAfter.dividedBy(10);
        return tenth.compareTo(FASTEST_CHECK) < 0 ? FASTEST_CHECK : tenth.compareTo(SLOWEST_CHECK) > 0 ? SLOWEST_CHECK : tenth;
    }
}
