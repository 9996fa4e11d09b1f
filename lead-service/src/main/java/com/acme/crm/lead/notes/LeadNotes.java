package com.acme.crm.lead.notes;

import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.history.LeadHistory;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * Notes on a lead. Notes may be added in any state, closed leads included (as in Dynamics): a
 * note records what happened and does not change the lead, so it neither bumps the lead's
 * version nor publishes an event.
 */
@ApplicationScoped
public class LeadNotes {

    @Inject
    LeadAccess access;
    @Inject
    LeadHistory history;

    @WithTransaction
    public Uni<NoteView> add(UUID leadId, String text, SecurityIdentity caller) {
        String author = LeadAccess.userId(caller);
        return access.findVisible(leadId, caller).chain(lead -> {
            LeadNote note = LeadNote.of(leadId, text, author);
            return note.persist()
                    .chain(() -> history.record(lead, author, HistoryAction.NOTE_ADDED, lead.state, lead.state, null))
                    .map(ignored -> NoteView.of(note));
        });
    }

    @WithSession
    public Uni<List<NoteView>> list(UUID leadId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(lead -> LeadNote.ofLead(leadId))
                .map(notes -> notes.stream().map(NoteView::of).toList());
    }
}
