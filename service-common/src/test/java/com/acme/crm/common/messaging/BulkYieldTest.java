package com.acme.crm.common.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkYieldTest {

    private final BulkYield yield = new BulkYield(Duration.ofMillis(100));

    @Test
    void aBulkBatchGoesAtOnceWhenNoInteractiveBatchRuns() {
        assertTrue(yield.decide(0, Duration.ZERO).go());
    }

    @Test
    void itWaitsWhileInteractiveBatchesRunForWhatIsLeftOfItsPause() {
        BulkYield.Turn turn = yield.decide(2, Duration.ofMillis(30));
        assertEquals(new BulkYield.Turn(false, Duration.ofMillis(70)), turn);
    }

    @Test
    void itGoesOnceItsPauseIsUpHoweverBusyTheInteractiveLaneIs() {
        assertTrue(yield.decide(5, Duration.ofMillis(100)).go());
        assertTrue(yield.decide(5, Duration.ofSeconds(1)).go());
    }

    @Test
    void aZeroPauseSwitchesGivingWayOff() {
        assertTrue(new BulkYield(Duration.ZERO).decide(3, Duration.ZERO).go());
    }
}
