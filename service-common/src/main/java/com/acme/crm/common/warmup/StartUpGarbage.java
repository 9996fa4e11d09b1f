package com.acme.crm.common.warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * One full collection at the end of the warm-up, before the service reports ready. Start-up and warm-up keep more data
 * alive across a young collection than the survivor spaces of a small heap hold, so the collector promotes it early,
 * and much of it dies in the old generation soon after (docs/performance.md, "Issue 9, twelfth step": about 40 MiB
 * promoted, 7–9 MiB of it dead in the old generation when the service becomes ready). Left there, it fills the old
 * generation and forces a full collection, 100–400 ms of pause, at some later request. Collected now, while no request
 * waits, the old generation starts at the live set, and what the service promotes while it works fits above it.
 */
final class StartUpGarbage {

    private StartUpGarbage() {
    }

    /** What the collection did, for the warm-up's outcome. */
    record Collected(long usedBeforeMiB, long usedAfterMiB, long millis) {

        @Override
        public String toString() {
            return "start-up garbage collected " + millis + " ms (heap " + usedBeforeMiB + " → " + usedAfterMiB + " MiB)";
        }
    }

    static Collected collect() {
        long before = used();
        long started = System.nanoTime();
        System.gc(); // the serial collector's full collection; the services' JVM options do not disable explicit ones
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Collected(before, used(), millis);
    }

    private static long used() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed() / (1024 * 1024);
    }
}
