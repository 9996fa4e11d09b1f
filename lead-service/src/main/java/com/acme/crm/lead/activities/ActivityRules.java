package com.acme.crm.lead.activities;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;

import java.util.ArrayList;
import java.util.List;

/** The rules between an activity's fields and of its states (SPEC §10). No I/O: tested without Quarkus. */
public final class ActivityRules {

    private ActivityRules() {
    }

    /** The violations of the rules between fields; empty when the fields fit together. */
    public static List<Problem.Violation> violations(ActivityFields fields) {
        List<Problem.Violation> found = new ArrayList<>();
        if (fields.type() == ActivityType.APPOINTMENT) {
            if (fields.startAt() == null) {
                found.add(new Problem.Violation("startAt", "is required for an appointment"));
            }
            if (fields.endAt() == null) {
                found.add(new Problem.Violation("endAt", "is required for an appointment"));
            }
            if (fields.startAt() != null && fields.endAt() != null && !fields.endAt().isAfter(fields.startAt())) {
                found.add(new Problem.Violation("endAt", "must be after startAt"));
            }
        } else if (fields.endAt() != null && fields.startAt() != null && !fields.endAt().isAfter(fields.startAt())) {
            found.add(new Problem.Violation("endAt", "must be after startAt"));
        }
        if (fields.direction() != null && !fields.type().hasDirection()) {
            found.add(new Problem.Violation("direction", "is for phone calls and emails only"));
        }
        return found;
    }

    /** @throws ProblemException 400 listing every violation */
    public static void check(ActivityFields fields) {
        List<Problem.Violation> found = violations(fields);
        if (!found.isEmpty()) {
            throw ProblemException.badRequest("the activity's fields do not fit together", found);
        }
    }

    /** Changes, completing and canceling apply to an open activity only: 409 otherwise. */
    public static void requireOpen(Activity activity) {
        if (activity.state != ActivityState.OPEN) {
            throw ProblemException.conflict("activity-closed",
                    "the activity is " + activity.state + "; only an open activity can be changed, completed or canceled");
        }
    }
}
