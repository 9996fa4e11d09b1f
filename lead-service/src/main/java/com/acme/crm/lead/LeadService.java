package com.acme.crm.lead;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.decisions.Decision;
import com.acme.crm.lead.decisions.DecisionWriter;
import com.acme.crm.lead.decisions.LeadDecisions;
import com.acme.crm.lead.decisions.LeadFacts;
import com.acme.crm.lead.decisions.LeadStatus;
import com.acme.crm.lead.duplicates.DuplicateLeads;
import com.acme.crm.contracts.events.lead.LeadEventData;
import com.acme.crm.lead.events.LeadEventDataOf;
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
import java.util.UUID;

/**
 * Create, read, change and delete a lead. Each change is one transaction holding the change, its
 * history entry and its public event (outbox). It answers with the lead; the HTTP edge shows it.
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
    @Inject
    DecisionWriter writer;

    /** Joins the caller's transaction when there is one (an idempotent create wraps it). */
    @WithTransaction
    public Uni<Lead> create(LeadFields fields, boolean suppressDuplicateDetection, SecurityIdentity caller) {
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
                .call(lead -> events.publish(PublicEvents.LEAD_CREATED, lead));
    }

    @WithSession
    public Uni<Lead> get(UUID id, SecurityIdentity caller) {
        return access.findVisible(id, caller);
    }

    /** A JSON merge patch of an open lead; {@code ifMatch} (may be null) must name the current version. */
    @WithTransaction
    public Uni<Lead> update(UUID id, JsonNode patch, String ifMatch, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(id, caller).chain(lead -> {
            LeadFacts facts = LeadFacts.of(lead);
            LeadDecisions.requirePatchable(facts, ifMatch);
            LeadFields before = LeadFields.of(lead);
            LeadFields after = bodies.patched(before, patch);
            if (!after.ownerId().equals(lead.ownerId)) {
                access.requireMayAssign(after.ownerId(), caller);
            }
            Decision decision = LeadDecisions.patched(facts, bodies.changedFields(before, after), actor, Now.instant());
            if (!decision.changesNothing()) {
                after.applyTo(lead);
            }
            return writer.write(lead, null, decision).replaceWith(lead);
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }

    /** Removes the lead with its notes and history; the deleted event (with the last state) is what remains. */
    @WithTransaction
    public Uni<Void> delete(UUID id, SecurityIdentity caller) {
        return access.findVisible(id, caller).chain(lead -> {
            LeadDecisions.requireNoQualificationInProgress(LeadStatus.of(lead));
            LeadEventData last = LeadEventDataOf.of(lead);
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
}
