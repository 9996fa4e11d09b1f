package com.acme.crm.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcPausesTest {

    @TempDir
    Path dir;

    /** Lines as JDK 17 writes them with {@code -Xlog:gc:file=…:time} (copied from a real log). */
    @Test
    void readsEachPauseWithItsTimeKindAndLength() throws Exception {
        Path log = dir.resolve("service-gc.log");
        Files.write(log, List.of(
                "[2026-11-27T05:21:07.424+0000] Using Serial",
                "[2026-11-27T05:21:08.197+0000] GC(0) Pause Young (Allocation Failure) 17M->3M(61M) 8.239ms",
                "[2026-11-27T05:21:08.453+0000] GC(114) Pause Full (System.gc()) 16M->3M(61M) 10.200ms"));

        List<GcPauses.Pause> pauses = GcPauses.read(log);

        assertEquals(List.of(
                new GcPauses.Pause(Instant.parse("2026-11-27T05:21:08.197Z"), "Young", 8.239),
                new GcPauses.Pause(Instant.parse("2026-11-27T05:21:08.453Z"), "Full", 10.2)), pauses);
    }

    /** G1, the collector of the test JVM (JDK 17's choice on this machine): a line of system-tests/target/test-jvm-gc.log. */
    @Test
    void readsG1sPausesToo() throws Exception {
        Path log = dir.resolve("test-jvm-gc.log");
        Files.write(log, List.of(
                "[2026-11-27T09:00:03.485+0000] Using G1",
                "[2026-11-27T09:00:04.666+0000] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 26M->17M(388M) 18.987ms"));

        assertEquals(List.of(new GcPauses.Pause(Instant.parse("2026-11-27T09:00:04.666Z"), "Young", 18.987)), GcPauses.read(log));
    }

    /** The serial collector's heap change by generation ({@code -Xlog:gc,gc+heap}; lines of a real JDK 17 log). */
    private static final List<String> WITH_GENERATIONS = List.of(
            "[2026-11-27T23:03:22.716+0000] GC(0) DefNew: 17472K(19648K)->2175K(19648K) Eden: 17472K(17472K)->0K(17472K) From: 0K(2176K)->2175K(2176K)",
            "[2026-11-27T23:03:22.716+0000] GC(0) Tenured: 0K(43712K)->2077K(43712K)",
            "[2026-11-27T23:03:22.716+0000] GC(0) Pause Young (Allocation Failure) 17M->4M(61M) 46.263ms",
            "[2026-11-27T23:03:23.084+0000] GC(1) DefNew: 19641K(19648K)->1898K(19648K) Eden: 17465K(17472K)->0K(17472K) From: 2175K(2176K)->1898K(2176K)",
            "[2026-11-27T23:03:23.084+0000] GC(1) Tenured: 2077K(43712K)->4241K(43712K)",
            "[2026-11-27T23:03:23.084+0000] GC(1) Pause Young (Allocation Failure) 21M->5M(61M) 18.005ms",
            "[2026-11-27T23:03:23.112+0000] GC(3) DefNew: 8668K(19648K)->0K(19648K) Eden: 6935K(17472K)->0K(17472K) From: 1732K(2176K)->0K(2176K)",
            "[2026-11-27T23:03:23.112+0000] GC(3) Tenured: 6139K(43712K)->8557K(43712K)",
            "[2026-11-27T23:03:23.112+0000] GC(3) Pause Full (System.gc()) 14M->8M(61M) 16.350ms");

    @Test
    void readsWhatEachCollectionLeftInTheOldGeneration() throws Exception {
        Path log = dir.resolve("service-gc.log");
        Files.write(log, WITH_GENERATIONS);

        List<GcPauses.Pause> pauses = GcPauses.read(log);

        assertEquals(List.of(new GcPauses.OldGeneration(0, 2077, 43712), new GcPauses.OldGeneration(2077, 4241, 43712),
                new GcPauses.OldGeneration(6139, 8557, 43712)), pauses.stream().map(GcPauses.Pause::old).toList());
        assertEquals(List.of("Young", "Young", "Full"), pauses.stream().map(GcPauses.Pause::kind).toList());
    }

    /** Only the young collections promote; a full one's change is its compaction, not promotion. */
    @Test
    void theSummarySaysWhatTheYoungCollectionsPromoted() throws Exception {
        Path log = dir.resolve("service-gc.log");
        Files.write(log, WITH_GENERATIONS);

        String summary = GcPauses.summary("lead-service", GcPauses.read(log), Instant.parse("2026-11-27T23:03:22Z"),
                Instant.parse("2026-11-27T23:03:24Z"));

        assertEquals("lead-service         3 pauses (1 full), 81 ms in all, longest 46.3 ms (Young); promoted 4.1 MiB into the"
                + " old generation, 8.4 of 42.7 MiB used after the last", summary);
    }

    @Test
    void aLogWithoutGenerationsSaysNothingOfPromotion() throws Exception {
        Path log = dir.resolve("test-jvm-gc.log");
        Files.write(log, List.of("[2026-11-27T09:00:04.666+0000] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 26M->17M(388M) 18.987ms"));

        assertEquals("benchmark JVM        1 pauses (0 full), 19 ms in all, longest 19.0 ms (Young)",
                GcPauses.summary(GcPauses.OWN, GcPauses.read(log), Instant.parse("2026-11-27T09:00:00Z"),
                        Instant.parse("2026-11-27T09:00:05Z")));
    }

    @Test
    void aPauseOverlapsACallWhenItEndsDuringItOrRunsAcrossItsStart() {
        // logged at 12:00:00.100 after 30 ms: it ran from about .070 to .100
        GcPauses.Pause pause = new GcPauses.Pause(Instant.parse("2026-11-27T12:00:00.100Z"), "Young", 30);

        assertTrue(pause.overlaps(Instant.parse("2026-11-27T12:00:00.090Z"), Instant.parse("2026-11-27T12:00:00.120Z")));
        assertTrue(pause.overlaps(Instant.parse("2026-11-27T12:00:00.050Z"), Instant.parse("2026-11-27T12:00:00.075Z")));
        assertFalse(pause.overlaps(Instant.parse("2026-11-27T12:00:00.010Z"), Instant.parse("2026-11-27T12:00:00.060Z")));
        assertFalse(pause.overlaps(Instant.parse("2026-11-27T12:00:00.110Z"), Instant.parse("2026-11-27T12:00:00.140Z")));
    }

    @Test
    void aMissingLogHasNoPauses() throws Exception {
        assertEquals(List.of(), GcPauses.read(dir.resolve("absent-gc.log")));
    }
}
