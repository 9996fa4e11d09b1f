package com.acme.crm.lead.qualification.bulk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the bulk runner is woken besides its tick, and how many free places a claim needs ({@link WindowRefill}). */
class WindowRefillTest {

    @Test
    void aClaimNeedsHalfTheWindowFree_roundedUp() {
        assertEquals(25, new WindowRefill(50, 0.5).least());
        assertEquals(3, new WindowRefill(5, 0.5).least());
        assertEquals(1, new WindowRefill(1, 0.5).least());
        assertEquals(50, new WindowRefill(50, 1).least());
    }

    @Test
    void theRunnerIsWokenOnce_whenTheEndsSinceItLastLookedFreeThatShare() {
        WindowRefill refill = new WindowRefill(6, 0.5);
        assertFalse(refill.freed(1));
        assertFalse(refill.freed(1));
        assertTrue(refill.freed(1), "the third place of six: half the window is free");
        assertFalse(refill.freed(1), "woken already: the tick it asked for claims this place too");
        assertFalse(refill.freed(1));
    }

    @Test
    void aTickThatClaimedEveryFreePlace_countsAgainFromNothing() {
        WindowRefill refill = new WindowRefill(6, 0.5);
        refill.freed(1);
        refill.freed(1);
        refill.looking();
        refill.looked(0); // its claim took what was free
        assertFalse(refill.freed(1));
        assertFalse(refill.freed(1));
        assertTrue(refill.freed(1));
        refill.looking();
        refill.looked(0);
        assertFalse(refill.freed(2));
        assertTrue(refill.freed(1), "woken again after the next tick");
    }

    @Test
    void theFewPlacesATickLeftFree_countTowardsTheNextWake() {
        WindowRefill refill = new WindowRefill(6, 0.5);
        refill.freed(1);
        refill.looking();
        refill.looked(2); // two places free, too few to claim (other replicas' ends among them)
        assertTrue(refill.freed(1), "with this end half the window is free");
    }

    @Test
    void endsDuringATick_countBesideWhatItsClaimLeftFree() {
        WindowRefill refill = new WindowRefill(6, 0.5);
        refill.looking();
        assertFalse(refill.freed(1)); // committed while the tick claims
        refill.looked(1);
        assertTrue(refill.freed(1));
    }

    @Test
    void placesLeftFreeForWantOfLeads_wakeNothing_theNextSubmissionDoes() {
        WindowRefill refill = new WindowRefill(6, 0.5);
        refill.looking();
        refill.looked(5); // no lead waiting: the window stays part empty
        for (int i = 0; i < 10; i++) {
            assertFalse(refill.freed(1), "no claim would find a lead");
        }
    }

    @Test
    void aShareOfNothing_leavesTheRefillToTheTick_whichClaimsAnyFreePlace() {
        WindowRefill refill = new WindowRefill(50, 0);
        assertFalse(refill.wakes());
        assertEquals(0, refill.least());
        for (int i = 0; i < 100; i++) {
            assertFalse(refill.freed(1));
        }
    }

    @Test
    void aShareOutsideZeroToOne_orAnEmptyWindow_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WindowRefill(50, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new WindowRefill(50, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new WindowRefill(0, 0.5));
    }
}
