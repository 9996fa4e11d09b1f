package com.acme.crm.common.messaging;

import java.time.Duration;

/**
 * Whether a bulk batch of a service may start now or give way to the interactive work the service is handling
 * (issue 9: bulk must not starve single calls). The two lanes' consumers share the service's cores and its database:
 * a bulk batch that starts while an interactive batch runs stretches the interactive one, which a user waits for.
 * So a bulk batch waits while interactive batches are in flight, but never longer than {@code maxPause} in all, so
 * the job goes on however busy the interactive lane is. Plain decision, no I/O.
 *
 * @param maxPause the longest a bulk batch gives way; zero switches giving way off
 */
public record BulkYield(Duration maxPause) {

    /** What the bulk batch does now; {@code pause} is how long it may wait at most (zero to go). */
    public record Turn(boolean go, Duration pause) {
        static final Turn GO = new Turn(true, Duration.ZERO);
    }

    /**
     * @param interactiveInFlight interactive batches being handled in this service now
     * @param waited              how long this bulk batch has waited already
     */
    public Turn decide(int interactiveInFlight, Duration waited) {
        if (interactiveInFlight <= 0 || waited.compareTo(maxPause) >= 0) {
            return Turn.GO;
        }
        return new Turn(false, maxPause.minus(waited));
    }
}
