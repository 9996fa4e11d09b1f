package com.acme.crm.common.inbox;

import com.acme.crm.common.inbox.FailureClassifier.Kind;
import com.acme.crm.common.inbox.RetryDecision.Policy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryDecisionTest {

    private final RetryDecision decision = new RetryDecision(Duration.ofMillis(100), Duration.ofSeconds(10), 3, 3);

    @Test
    void transientFaultsAreRetriedForAsLongAsTheyLast() {
        assertTrue(decision.retry(Policy.GIVE_UP_WHEN_DETERMINISTIC, Kind.TRANSIENT, 1));
        assertTrue(decision.retry(Policy.GIVE_UP_WHEN_DETERMINISTIC, Kind.TRANSIENT, 10_000));
    }

    @Test
    void deterministicFailuresAreGivenUpAtOnceUnlessTheWorkMustBeDone() {
        assertFalse(decision.retry(Policy.GIVE_UP_WHEN_DETERMINISTIC, Kind.DETERMINISTIC, 1));
        assertTrue(decision.retry(Policy.UNTIL_DONE, Kind.DETERMINISTIC, 1));
        assertTrue(decision.retry(Policy.UNTIL_DONE, Kind.DETERMINISTIC, 10_000));
    }

    @Test
    void unknownFailuresGetAFewQuickAttempts() {
        assertTrue(decision.retry(Policy.GIVE_UP_WHEN_DETERMINISTIC, Kind.UNKNOWN, 1));
        assertTrue(decision.retry(Policy.GIVE_UP_WHEN_DETERMINISTIC, Kind.UNKNOWN, 2));
        assertFalse(decision.retry(Policy.GIVE_UP_WHEN_DETERMINISTIC, Kind.UNKNOWN, 3));
        assertTrue(decision.retry(Policy.UNTIL_DONE, Kind.UNKNOWN, 3));
    }

    @Test
    void aMessageThatTimesOutEveryTimeIsGivenUpAfterAFewTimeOuts_aCompensationNever() {
        RetryDecision patient = new RetryDecision(Duration.ofMillis(100), Duration.ofSeconds(10), 3, 5);
        for (int timeOut = 1; timeOut <= 6; timeOut++) {
            assertEquals(timeOut < 3, decision.retry(Policy.GIVE_UP_WHEN_DETERMINISTIC, Kind.TIMED_OUT, timeOut), "time-out " + timeOut);
            assertEquals(timeOut < 5, patient.retry(Policy.GIVE_UP_WHEN_DETERMINISTIC, Kind.TIMED_OUT, timeOut), "time-out " + timeOut);
        }
        assertTrue(decision.retry(Policy.UNTIL_DONE, Kind.TIMED_OUT, 10_000));
    }

    @Test
    void backoffDoublesUpToItsCap() {
        assertEquals(Duration.ofMillis(100), decision.backoff(1));
        assertEquals(Duration.ofMillis(200), decision.backoff(2));
        assertEquals(Duration.ofMillis(6_400), decision.backoff(7));
        assertEquals(Duration.ofSeconds(10), decision.backoff(8));
        assertEquals(Duration.ofSeconds(10), decision.backoff(1_000_000));
    }
}
