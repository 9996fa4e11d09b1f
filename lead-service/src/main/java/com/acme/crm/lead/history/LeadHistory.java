package com.acme.crm.lead.history;

import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.Now;
import com.acme.crm.lead.access.LeadAccess;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * Writes and reads a lead's audit trail. {@link #record} joins the caller's transaction (call it
 * inside {@code @WithTransaction}), so an entry exists exactly when the change it describes does.
 */
@ApplicationScoped
public class LeadHistory {

    @Inject
    LeadAccess access;

    public Uni<Void> record(Lead lead, String actor, HistoryAction action, LeadState from, LeadState to, String details) {
        return record(lead.id, actor, action, from, to, details);
    }

    public Uni<Void> record(UUID leadId, String actor, HistoryAction action, LeadState from, LeadState to, String details) {
        LeadHistoryEntry entry = new LeadHistoryEntry();
        entry.leadId = leadId;
        entry.at = Now.instant();
        entry.actor = actor;
        entry.action = action;
        entry.fromState = from;
        entry.toState = to;
        entry.details = details;
        return entry.persist().replaceWithVoid();
    }

    /** Oldest first, of a lead the caller may see (404 otherwise). */
    @WithSession
    public Uni<List<HistoryEntryView>> of(UUID leadId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(lead -> LeadHistoryEntry.ofLead(leadId))
                .map(entries -> entries.stream().map(HistoryEntryView::of).toList());
    }
}
