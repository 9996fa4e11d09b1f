package com.acme.crm.lead.activities;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules between an activity's fields and its states, without Quarkus. */
class ActivityRulesTest {

    private static final Instant NINE = Instant.parse("2026-11-26T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-26T10:00:00Z");

    private static ActivityFields of(ActivityType type, Instant start, Instant end, Direction direction) {
        return new ActivityFields(type, "s", null, null, start, end, direction, "alice");
    }

    private static List<String> fields(ActivityFields fields) {
        return ActivityRules.violations(fields).stream().map(Problem.Violation::field).toList();
    }

    @Test
    void anAppointmentNeedsAStartAndALaterEnd() {
        assertEquals(List.of(), fields(of(ActivityType.APPOINTMENT, NINE, TEN, null)));
        assertEquals(List.of("startAt", "endAt"), fields(of(ActivityType.APPOINTMENT, null, null, null)));
        assertEquals(List.of("endAt"), fields(of(ActivityType.APPOINTMENT, TEN, NINE, null)));
        assertEquals(List.of("endAt"), fields(of(ActivityType.APPOINTMENT, TEN, TEN, null)));
        assertEquals(List.of("endAt"), fields(of(ActivityType.TASK, TEN, NINE, null)));
        assertEquals(List.of(), fields(of(ActivityType.TASK, null, null, null)));
    }

    @Test
    void onlyCallsAndEmailsHaveADirection() {
        assertEquals(List.of(), fields(of(ActivityType.PHONE_CALL, null, null, Direction.INCOMING)));
        assertEquals(List.of(), fields(of(ActivityType.EMAIL, null, null, Direction.OUTGOING)));
        assertEquals(List.of("direction"), fields(of(ActivityType.TASK, null, null, Direction.OUTGOING)));
        assertEquals(List.of("direction"), fields(of(ActivityType.APPOINTMENT, NINE, TEN, Direction.INCOMING)));
    }

    @Test
    void onlyAnOpenActivityChanges() {
        Activity activity = new Activity();
        activity.state = ActivityState.OPEN;
        ActivityRules.requireOpen(activity);
        for (ActivityState closed : List.of(ActivityState.COMPLETED, ActivityState.CANCELED)) {
            activity.state = closed;
            ProblemException refused = assertThrows(ProblemException.class, () -> ActivityRules.requireOpen(activity));
            assertEquals(409, refused.problem().status());
        }
    }
}
