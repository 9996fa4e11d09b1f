package com.acme.crm.common.outbox;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which relay of a service sends an outbox row: the interactive lane's rows (topics {@code *.interactive}, attempts a
 * user waits for) have a relay of their own, so they never wait behind a bulk job's rows; every other row goes with
 * the other relay. Each relay is one at a time across the replicas (its own advisory lock) and sends its rows in id
 * order, so per-key order holds within every topic (a topic's rows are all one relay's). Plain decision, no I/O.
 */
public enum RelayLane {

    // OTHER keeps the advisory lock number the single relay had, so a relay of before this split and one of after
    // never send the bulk rows at the same time during a rolling upgrade
    INTERACTIVE(7_413_289_002L, "topic like '%.interactive'"),
    OTHER(7_413_289_001L, "topic not like '%.interactive'");

    private final long lock;
    private final String rows;

    RelayLane(long lock, String rows) {
        this.lock = lock;
        this.rows = rows;
    }

    /** The transaction-scoped advisory lock that makes this lane's relay one at a time per database. */
    public long lock() {
        return lock;
    }

    /**
     * The lane's rows as an SQL condition on {@code outbox_message}; the interactive one is the predicate of the
     * partial index {@code outbox_message_interactive} (V85), so its select reads only its own rows.
     */
    String rows() {
        return rows;
    }

    /** The NOTIFY payload that names this lane ({@code interactive}, {@code other}). */
    String signal() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The lane a NOTIFY payload names ({@link #signal}); empty for any other payload. */
    static Optional<RelayLane> named(String payload) {
        for (RelayLane lane : values()) {
            if (lane.signal().equals(payload)) {
                return Optional.of(lane);
            }
        }
        return Optional.empty();
    }

    public static RelayLane of(String topic) {
        return topic.endsWith(".interactive") ? INTERACTIVE : OTHER;
    }

    /** The lanes of rows bound for these topics. */
    public static Set<RelayLane> of(Collection<String> topics) {
        Set<RelayLane> lanes = EnumSet.noneOf(RelayLane.class);
        topics.forEach(topic -> lanes.add(of(topic)));
        return lanes;
    }
}
