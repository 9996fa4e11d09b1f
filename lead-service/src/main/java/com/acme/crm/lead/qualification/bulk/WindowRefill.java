package com.acme.crm.lead.qualification.bulk;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * When a replica's bulk runner claims besides its tick, and how many free places a claim needs. A window refilled a
 * few places at a time makes every downstream batch small, and small batches cost more CPU per lead (docs/performance.md,
 * fourteenth and fifteenth steps); a place that waits for the tick costs half a tick on average. So a claim takes the
 * free places only once at least {@code share} of the window is free, and the runner is woken as soon as the places its
 * last claim left free and the attempts that ended on this replica since then make that many.
 *
 * <p>Each replica counts only the ends it commits; what is free is counted in the database by the claim, under its
 * lock, so a missed or an early wake only moves a claim to the next tick, never past the window. A share of 0 turns
 * the wakes off and lets a claim take any free place (the tick alone refills, as before the fifteenth step).
 */
final class WindowRefill {

    private final int least;
    private final AtomicInteger freed = new AtomicInteger();

    WindowRefill(int window, double share) {
        if (window < 1 || share < 0 || share > 1) {
            throw new IllegalArgumentException("a bulk window of at least 1 and a refill share within [0, 1]: " + window + ", " + share);
        }
        this.least = (int) Math.ceil(window * share);
    }

    /** The free places a claim needs before it takes any (0: any number). */
    int least() {
        return least;
    }

    /** Whether the runner is woken besides its tick (at a submission, when enough places were freed here). */
    boolean wakes() {
        return least > 0;
    }

    /**
     * {@code places} of the window freed by attempts whose end has committed on this replica.
     *
     * @return whether they bring the places freed since the runner last looked to {@link #least()}: wake it (once)
     */
    boolean freed(int places) {
        if (!wakes()) {
            return false;
        }
        int before = freed.getAndAdd(places);
        return before < least && before + places >= least;
    }

    /** A tick begins: the places freed before it are its claim's to count; the ends from now on are counted anew. */
    void looking() {
        freed.set(0);
    }

    /**
     * The tick's claim left {@code free} places free (fewer than {@link #least()}, or no lead waiting for them): they
     * count as freed, so that the ends that free the rest of the share wake the runner. No wake for them themselves:
     * with no lead waiting, the next submission wakes it.
     */
    void looked(int free) {
        freed.addAndGet(free);
    }
}
