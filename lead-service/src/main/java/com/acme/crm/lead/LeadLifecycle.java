package com.acme.crm.lead;

import com.acme.crm.common.api.ProblemException;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.api.DisqualifyRequest;
import com.acme.crm.lead.api.LeadView;
import com.acme.crm.lead.api.ReactivatedLead;
import com.acme.crm.lead.api.RelatedRecords;
import com.acme.crm.lead.events.LeadEvents;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.history.LeadHistory;
import com.acme.crm.lead.notes.LeadNotes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/** Closing a lead without business (disqualify) and opening a closed one again (reactivate). Qualifying lives in its own package. */
@ApplicationScoped
public class LeadLifecycle {

    @Inject
    LeadAccess access;
    @Inject
    LeadHistory history;
    @Inject
    LeadEvents events;
    @Inject
    LeadNotes notes;

    @WithTransaction
    public Uni<LeadView> disqualify(UUID id, DisqualifyRequest request, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(id, caller).chain(lead -> {
            LeadRules.requireEditable(lead);
            if (lead.opportunityId != null) {
                throw ProblemException.conflict("lead-has-opportunity",
                        "the lead has an opportunity (" + lead.opportunityId + "); close the opportunity instead");
            }
            Instant now = Now.instant();
            lead.state = LeadState.DISQUALIFIED;
            lead.statusReason = request.reason();
            lead.closedAt = now;
            lead.modifiedAt = now;
            lead.modifiedBy = actor;
            Uni<Void> note = request.note() == null || request.note().isBlank()
                    ? Uni.createFrom().voidItem()
                    : notes.append(id, request.note(), actor).replaceWithVoid();
            return note
                    .chain(Panache::flush)
                    .chain(() -> history.record(lead, actor, HistoryAction.DISQUALIFIED, LeadState.OPEN,
                            LeadState.DISQUALIFIED, request.reason() + (request.note() == null ? "" : "; note added")))
                    .map(ignored -> LeadView.of(lead))
                    .call(view -> events.publish(PublicEvents.LEAD_DISQUALIFIED, view));
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }

    /** Closed → OPEN/NEW. The ids an earlier qualification recorded stay on the lead, as history, and come back in the answer. */
    @WithTransaction
    public Uni<ReactivatedLead> reactivate(UUID id, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(id, caller).chain(lead -> {
            if (lead.isOpen()) {
                throw ProblemException.conflict("lead-open", "the lead is already open");
            }
            LeadState from = lead.state;
            StatusReason fromReason = lead.statusReason;
            Instant now = Now.instant();
            lead.state = LeadState.OPEN;
            lead.statusReason = StatusReason.NEW;
            lead.closedAt = null;
            lead.modifiedAt = now;
            lead.modifiedBy = actor;
            RelatedRecords related = RelatedRecords.of(lead);
            return Panache.flush()
                    .chain(() -> history.record(lead, actor, HistoryAction.REACTIVATED, from, LeadState.OPEN,
                            "was " + from + " (" + fromReason + ")"))
                    .map(ignored -> LeadView.of(lead))
                    .call(view -> events.publish(PublicEvents.LEAD_REACTIVATED, view))
                    .map(view -> new ReactivatedLead(view, related));
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }
}
