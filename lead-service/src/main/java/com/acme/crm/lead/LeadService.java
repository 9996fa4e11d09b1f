package com.acme.crm.lead;

import com.acme.crm.common.api.ProblemException;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.api.LeadBodyReader;
import com.acme.crm.lead.api.LeadFields;
import com.acme.crm.lead.api.LeadView;
import com.acme.crm.lead.duplicates.DuplicateLeads;
import com.acme.crm.lead.events.LeadEvents;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.history.LeadHistory;
import com.acme.crm.lead.notes.LeadNote;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Create, read, change and delete a lead. Each change is one transaction holding the change, its
 * history entry and its public event (outbox).
 */
@ApplicationScoped
public class LeadService {

    @Inject
    LeadAccess access;
    @Inject
    LeadBodyReader bodies;
    @Inject
    DuplicateLeads duplicates;
    @Inject
    LeadHistory history;
    @Inject
    LeadEvents events;

    /** Joins the caller's transaction when there is one (an idempotent create wraps it). */
    @WithTransaction
    public Uni<LeadView> create(LeadFields fields, boolean suppressDuplicateDetection, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        access.requireMayAssign(fields.ownerId(), caller);
        Uni<Void> duplicateCheck = suppressDuplicateDetection
                ? Uni.createFrom().voidItem()
                : duplicates.rejectIfAny(fields.email());
        return duplicateCheck
                .map(ignored -> newLead(fields, actor))
                .chain(lead -> lead.<Lead>persist())
                .call(Panache::flush) // the answer and the event show the stored version
                .call(lead -> history.record(lead, actor, HistoryAction.CREATED, null, LeadState.OPEN, null))
                .map(LeadView::of)
                .call(view -> events.publish(PublicEvents.LEAD_CREATED, view));
    }

    @WithSession
    public Uni<LeadView> get(UUID id, SecurityIdentity caller) {
        return access.findVisible(id, caller).map(LeadView::of);
    }

    /** A JSON merge patch of an open lead; {@code ifMatch} (may be null) must name the current version. */
    @WithTransaction
    public Uni<LeadView> update(UUID id, JsonNode patch, String ifMatch, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(id, caller).chain(lead -> {
            LeadRules.requireEditable(lead);
            IfMatch.require(ifMatch, lead.version);
            LeadFields before = LeadFields.of(lead);
            LeadFields after = bodies.patched(before, patch);
            if (!after.ownerId().equals(lead.ownerId)) {
                access.requireMayAssign(after.ownerId(), caller);
            }
            List<String> changed = bodies.changedFields(before, after);
            if (changed.isEmpty()) {
                return Uni.createFrom().item(LeadView.of(lead)); // nothing to record or announce
            }
            after.applyTo(lead);
            lead.modifiedAt = Now.instant();
            lead.modifiedBy = actor;
            return Panache.flush()
                    .chain(() -> history.record(lead, actor, HistoryAction.UPDATED, lead.state, lead.state,
                            "changed " + String.join(", ", changed)))
                    .map(ignored -> LeadView.of(lead))
                    .call(view -> events.publish(PublicEvents.LEAD_UPDATED, view));
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }

    /** Removes the lead with its notes and history; the deleted event (with the last state) is what remains. */
    @WithTransaction
    public Uni<Void> delete(UUID id, SecurityIdentity caller) {
        return access.findVisible(id, caller).chain(lead -> {
            LeadRules.requireNoQualificationInProgress(lead);
            LeadView last = LeadView.of(lead);
            return LeadNote.deleteOfLead(id)
                    .chain(lead::delete)
                    .chain(Panache::flush)
                    .chain(() -> events.publish(PublicEvents.LEAD_DELETED, last));
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }

    private static Lead newLead(LeadFields fields, String actor) {
        Instant now = Now.instant();
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        fields.applyTo(lead);
        if (lead.ownerId == null) {
            lead.ownerId = actor;
        }
        lead.state = LeadState.OPEN;
        lead.statusReason = StatusReason.NEW;
        lead.createdAt = now;
        lead.createdBy = actor;
        lead.modifiedAt = now;
        lead.modifiedBy = actor;
        return lead;
    }

    /** {@code If-Match} against the lead's {@code ETag} ({@code "<version>"}); absent means "any version". */
    static final class IfMatch {

        private IfMatch() {
        }

        static void require(String header, long version) {
            if (header == null || header.isBlank() || header.trim().equals("*")) {
                return;
            }
            String current = "\"" + version + "\"";
            for (String tag : header.split(",")) {
                String trimmed = tag.trim();
                if (trimmed.startsWith("W/")) {
                    trimmed = trimmed.substring(2);
                }
                if (trimmed.equals(current)) {
                    return;
                }
            }
            throw ProblemException.preconditionFailed(
                    "the lead changed since you read it (now version " + version + "); read it again and retry");
        }
    }
}
