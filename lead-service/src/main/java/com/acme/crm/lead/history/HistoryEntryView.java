package com.acme.crm.lead.history;

import com.acme.crm.lead.LeadState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A history entry as the API shows it. */
public record HistoryEntryView(Instant at, String actor, HistoryAction action, @Schema(nullable = true) LeadState fromState, @Schema(nullable = true) LeadState toState,
                               @Schema(nullable = true) String details) {

    public static HistoryEntryView of(LeadHistoryEntry entry) {
        return new HistoryEntryView(entry.at, entry.actor, entry.action, entry.fromState, entry.toState, entry.details);
    }
}
