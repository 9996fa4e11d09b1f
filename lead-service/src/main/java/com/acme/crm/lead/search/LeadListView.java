package com.acme.crm.lead.search;

import com.acme.crm.common.problems.ProblemException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The saved views of the lead list (SPEC §4): which leads, before any other filter. */
public enum LeadListView {
    MY_OPEN("my-open"), OPEN("open"), CLOSED("closed"), ALL("all");

    final String name;

    LeadListView(String name) {
        this.name = name;
    }

    public static LeadListView parse(String value) {
        if (value == null || value.isBlank()) {
            return MY_OPEN;
        }
        for (LeadListView view : values()) {
            if (view.name.equals(value)) {
                return view;
            }
        }
        throw ProblemException.badRequest("view", "must be one of "
                + Arrays.stream(values()).map(v -> v.name).collect(Collectors.joining(", ")));
    }
}
