package com.acme.crm.lead.decisions;

import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.lead.qualification.QualificationStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which lane a new attempt takes (plain JUnit). */
class LaneChoiceTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aBulkJobsAttempt_takesTheBulkLane_aSingleCall_theInteractiveOne() {
        assertEquals(Lane.BULK, LaneChoice.of(true, null));
        assertEquals(Lane.INTERACTIVE, LaneChoice.of(false, null));
    }

    @Test
    void afterAFailedAttempt_theNextFollowsItsLane_soItsUndosArriveFirst() {
        assertEquals(Lane.BULK, LaneChoice.of(false, previous(Lane.BULK, QualificationStatus.FAILED)));
        assertEquals(Lane.INTERACTIVE, LaneChoice.of(true, previous(Lane.INTERACTIVE, QualificationStatus.FAILED)));
    }

    @Test
    void afterAnAttemptThatLeftNothingInFlight_eachTakesItsOwnLane() {
        for (QualificationStatus over : List.of(QualificationStatus.COMPLETED, QualificationStatus.DUPLICATES_FOUND)) {
            for (Lane lane : Lane.values()) {
                assertEquals(Lane.INTERACTIVE, LaneChoice.of(false, previous(lane, over)), over + " on " + lane);
                assertEquals(Lane.BULK, LaneChoice.of(true, previous(lane, over)), over + " on " + lane);
            }
        }
    }

    private static Attempt previous(Lane lane, QualificationStatus status) {
        return new Attempt(UUID.randomUUID(), UUID.randomUUID(), status, true, true, true, null, null, "EUR",
                DuplicatePolicy.REPORT, null, null, null, null, status == QualificationStatus.FAILED ? "timed out" : null,
                "alice", null, T0, T0.plusSeconds(120), T0.plusSeconds(1), lane);
    }
}
