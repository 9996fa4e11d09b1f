package com.acme.crm.lead.history;

import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes and reads a lead's audit trail. {@link #record} joins the caller's transaction (call it
 * inside {@code @WithTransaction}), so an entry exists exactly when the change it describes does.
 */
@ApplicationScoped
public class LeadHistory {

    public Uni<Void> record(Lead lead, String actor, HistoryAction action, LeadState from, LeadState to, String details) {
        return record(lead.id, actor, action, from, to, details);
    }

    public Uni<Void> record(UUID leadId, String actor, HistoryAction action, LeadState from, LeadState to, String details) {
        LeadHistoryEntry entry = new LeadHistoryEntry();
        entry.leadId = leadId;
        entry.at = Instant.now();
        entry.actor = actor;
        entry.action = action;
        entry.fromState = from;
        entry.toState = to;
        entry.details = details;
        return entry.persist().replaceWithVoid();
    }

    /** Needs a session; oldest first. */
    public Uni<List<HistoryEntryView>> of(UUID leadId) {
        return LeadHistoryEntry.ofLead(leadId).map(entries -> entries.stream().map(HistoryEntryView::of).toList());
    }
}
