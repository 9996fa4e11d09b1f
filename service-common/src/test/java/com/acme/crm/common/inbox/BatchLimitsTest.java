package com.acme.crm.common.inbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchLimitsTest {

    private final BatchLimits limits = new BatchLimits(Duration.ofSeconds(30), Duration.ofMinutes(2));

    @Test
    void aBatchIsWarnedAboutOnceItHasRunWarnAfter_andAgainEachFurtherWarnAfter() {
        assertEquals(0, limits.warningsDue(Duration.ofMillis(8)));
        assertEquals(0, limits.warningsDue(Duration.ofMillis(29_999)));
        assertEquals(1, limits.warningsDue(Duration.ofSeconds(30)));
        assertEquals(1, limits.warningsDue(Duration.ofSeconds(59)));
        assertEquals(2, limits.warningsDue(Duration.ofSeconds(60)));
        assertEquals(20, limits.warningsDue(Duration.ofMinutes(10)));
    }

    @Test
    void aBatchIsStuckOnlyOnceItHasBeenQuietForStuckAfter() {
        assertFalse(limits.stuck(Duration.ZERO));
        assertFalse(limits.stuck(Duration.ofSeconds(119)));
        assertTrue(limits.stuck(Duration.ofMinutes(2)));
        assertTrue(limits.stuck(Duration.ofHours(1)));
    }

    @Test
    void stuckAfterZero_neverCallsABatchStuck() {
        BatchLimits off = new BatchLimits(Duration.ofSeconds(30), Duration.ZERO);
        assertFalse(off.stuck(Duration.ofDays(1)));
        assertEquals(1, off.warningsDue(Duration.ofSeconds(30)), "the warnings still come");
    }

    @Test
    void runningBatchesAreLookedAtATenthOfWarnAfterApart_within100msAnd5s() {
        assertEquals(Duration.ofSeconds(3), limits.checkEvery());
        assertEquals(Duration.ofMillis(100), new BatchLimits(Duration.ofMillis(300), Duration.ofSeconds(1)).checkEvery());
        assertEquals(Duration.ofSeconds(5), new BatchLimits(Duration.ofMinutes(5), Duration.ofMinutes(10)).checkEvery());
    }

    @Test
    void limitsThatCannotWorkAreRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> new BatchLimits(Duration.ZERO, Duration.ofMinutes(2)));
        assertThrows(IllegalArgumentException.class, () -> new BatchLimits(Duration.ofSeconds(30), Duration.ofSeconds(-1)));
        // liveness would fail for a batch nobody was warned about
        assertThrows(IllegalArgumentException.class, () -> new BatchLimits(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> new BatchLimits(Duration.ofSeconds(30), Duration.ofSeconds(10)));
    }
}
