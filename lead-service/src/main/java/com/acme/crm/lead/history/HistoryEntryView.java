package com.acme.crm.lead.history;

import com.acme.crm.lead.LeadState;

import java.time.Instant;

/** A history entry as the API shows it. */
public record HistoryEntryView(Instant at, String actor, HistoryAction action, LeadState fromState, LeadState toState,
                               String details) {

    public static HistoryEntryView of(LeadHistoryEntry entry) {
        return new HistoryEntryView(entry.at, entry.actor, entry.action, entry.fromState, entry.toState, entry.details);
    }
}
