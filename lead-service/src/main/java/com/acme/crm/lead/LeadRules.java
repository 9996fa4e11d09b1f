package com.acme.crm.lead;

import com.acme.crm.common.api.ProblemException;

/** The state rules of SPEC §3 and §4 that several operations share, each a 409 problem. */
public final class LeadRules {

    private LeadRules() {
    }

    /** Closed leads are read-only until reactivated; a running qualification locks an open one. */
    public static void requireEditable(Lead lead) {
        if (!lead.isOpen()) {
            throw ProblemException.conflict("lead-closed",
                    "the lead is " + lead.state + " and read-only; reactivate it to change it");
        }
        requireNoQualificationInProgress(lead);
    }

    public static void requireNoQualificationInProgress(Lead lead) {
        if (lead.qualificationInProgress) {
            throw ProblemException.conflict("qualification-in-progress",
                    "a qualification of this lead is in progress; wait for its outcome");
        }
    }
}
