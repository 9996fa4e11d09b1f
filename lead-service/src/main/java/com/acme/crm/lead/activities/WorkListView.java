package com.acme.crm.lead.activities;

import com.acme.crm.common.problems.ProblemException;

/** The views of the activity work list (SPEC §10). */
public enum WorkListView {
    /** The caller's own open activities, on any lead. */
    MY_OPEN("my-open"),
    /** Open activities whose due time (or an appointment's end) has passed. */
    OVERDUE("overdue"),
    ALL("all");

    private final String name;

    WorkListView(String name) {
        this.name = name;
    }

    public static WorkListView parse(String value) {
        if (value == null || value.isEmpty()) {
            return MY_OPEN;
        }
        for (WorkListView view : values()) {
            if (view.name.equals(value)) {
                return view;
            }
        }
        throw ProblemException.badRequest("view", "must be one of my-open, overdue, all");
    }
}
