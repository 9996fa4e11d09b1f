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
