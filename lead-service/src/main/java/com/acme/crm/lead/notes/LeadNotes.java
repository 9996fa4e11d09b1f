package com.acme.crm.lead.notes;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.history.LeadHistory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Notes on a lead. Notes may be added in any state, closed leads included (as in Dynamics): a
 * note records what happened and does not change the lead, so it neither bumps the lead's
 * version nor publishes an event. A lead holds at most {@link LeadNote#MAX_NOTES} notes.
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
        return access.findVisible(leadId, caller).chain(lead -> append(leadId, text, author)
                .call(note -> history.record(lead, author, HistoryAction.NOTE_ADDED, lead.state, lead.state, null))
                .map(NoteView::of));
    }

    /**
     * Stores a note unless the lead already has {@link LeadNote#MAX_NOTES} (409 {@code too-many-notes}).
     * Counted under the lead's row lock, so concurrent adds take turns and never pass the limit
     * together. Joins the caller's transaction.
     */
    public Uni<LeadNote> append(UUID leadId, String text, String author) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from lead where id = :id for update")
                        .setParameter("id", leadId).getResultList())
                .chain(() -> LeadNote.countOfLead(leadId))
                .chain(count -> {
                    if (count >= LeadNote.MAX_NOTES) {
                        return Uni.createFrom().failure(ProblemException.conflict("too-many-notes",
                                "the lead has " + count + " notes, the most a lead can have (" + LeadNote.MAX_NOTES
                                        + "); every note is copied to the opportunity when the lead is qualified",
                                Map.of("maxNotes", LeadNote.MAX_NOTES)));
                    }
                    LeadNote note = LeadNote.of(leadId, text, author);
                    return note.<LeadNote>persist();
                });
    }

    @WithSession
    public Uni<List<NoteView>> list(UUID leadId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(lead -> LeadNote.ofLead(leadId))
                .map(notes -> notes.stream().map(NoteView::of).toList());
    }
}
