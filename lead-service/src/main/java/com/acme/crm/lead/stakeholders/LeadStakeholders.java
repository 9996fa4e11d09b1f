package com.acme.crm.lead.stakeholders;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.events.lead.StakeholderEventData;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.lead.ConcurrentChange;
import com.acme.crm.lead.UniqueViolation;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.contacts.ContactCopies;
import com.acme.crm.lead.contacts.ContactCopy;
import com.acme.crm.lead.events.LeadItemEvents;
import com.acme.crm.lead.history.HistoryAction;
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

/** A lead's stakeholders (SPEC §10): contacts known from crm.account.events, each at most once per lead. */
@ApplicationScoped
public class LeadStakeholders {

    @Inject
    LeadAccess access;
    @Inject
    LeadItemEvents events;
    @Inject
    ContactCopies contacts;

    /**
     * The lead must be visible (404), then the contact known, or arrive within the wait (422), before
     * the transaction starts: no transaction stays open while waiting.
     */
    public Uni<StakeholderView> add(UUID leadId, NewStakeholder wanted, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(() -> contacts.awaitKnown(wanted.contactId()))
                .chain(contact -> stored(leadId, wanted, contact, caller));
    }

    /** The stakeholder stored with its history entry and event (called by {@link #add} once the contact is known). */
    @WithTransaction
    public Uni<StakeholderView> stored(UUID leadId, NewStakeholder wanted, ContactCopy contact, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        StakeholderRole role = wanted.role() == null ? StakeholderRole.STAKEHOLDER : wanted.role();
        return access.findVisible(leadId, caller)
                .chain(lead -> Stakeholder.<Stakeholder>list("leadId", leadId))
                .chain(existing -> {
                    if (existing.stream().anyMatch(s -> s.contactId.equals(wanted.contactId()))) {
                        throw alreadyThere(wanted.contactId());
                    }
                    if (existing.size() >= CreateOpportunity.MAX_STAKEHOLDERS) {
                        throw ProblemException.conflict("too-many-stakeholders", "the lead has " + existing.size()
                                + " stakeholders, the most a lead can have", Map.of("maxStakeholders", CreateOpportunity.MAX_STAKEHOLDERS));
                    }
                    Stakeholder stakeholder = Stakeholder.of(leadId, wanted.contactId(), role, actor);
                    return stakeholder.persist().chain(Panache::flush).replaceWith(stakeholder);
                })
                .call(s -> recorded(s, actor, HistoryAction.STAKEHOLDER_ADDED, PublicEvents.LEAD_STAKEHOLDER_ADDED))
                .map(s -> StakeholderView.of(s, contact))
                .onFailure(UniqueViolation::detected).transform(failure -> alreadyThere(wanted.contactId()));
    }

    @WithTransaction
    public Uni<StakeholderView> changeRole(UUID leadId, UUID stakeholderId, RoleChange change, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return find(leadId, stakeholderId, caller).chain(stakeholder -> {
            if (stakeholder.role == change.role()) {
                return withContact(stakeholder);
            }
            stakeholder.role = change.role();
            stakeholder.changedBy(actor);
            return Panache.flush()
                    .chain(() -> recorded(stakeholder, actor, HistoryAction.STAKEHOLDER_CHANGED, PublicEvents.LEAD_STAKEHOLDER_UPDATED))
                    .chain(() -> withContact(stakeholder));
        }).onFailure(ConcurrentChange::detected).transform(failure -> ProblemException.conflict("concurrent-change",
                "the stakeholder was changed at the same time; read it again and retry"));
    }

    @WithTransaction
    public Uni<Void> remove(UUID leadId, UUID stakeholderId, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return find(leadId, stakeholderId, caller)
                .call(stakeholder -> recorded(stakeholder, actor, HistoryAction.STAKEHOLDER_REMOVED, PublicEvents.LEAD_STAKEHOLDER_REMOVED))
                .call(stakeholder -> stakeholder.delete())
                .replaceWithVoid();
    }

    /** Oldest first (the order they were added), with each contact's current details. */
    @WithSession
    public Uni<List<StakeholderView>> list(UUID leadId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(lead -> Stakeholder.<Stakeholder>list("leadId = ?1 order by createdAt, id", leadId))
                .chain(found -> contacts.byId(found.stream().map(s -> s.contactId).toList())
                        .map(byId -> found.stream().map(s -> StakeholderView.of(s, byId.get(s.contactId))).toList()));
    }

    private Uni<StakeholderView> withContact(Stakeholder stakeholder) {
        return ContactCopy.<ContactCopy>findById(stakeholder.contactId).map(contact -> StakeholderView.of(stakeholder, contact));
    }

    private Uni<Void> recorded(Stakeholder s, String actor, HistoryAction action, String eventType) {
        return events.changed(s.leadId, actor, action, s.role + " contact " + s.contactId + " (" + s.id + ")",
                eventType, eventData(s));
    }

    /** The stakeholder as its public events carry it (message-contracts' contract, SPEC §7): the contact by id only. */
    public static StakeholderEventData eventData(Stakeholder s) {
        return new StakeholderEventData(s.id, s.leadId, s.contactId, s.role.name(), s.version, s.createdAt, s.createdBy,
                s.modifiedAt, s.modifiedBy);
    }

    private Uni<Stakeholder> find(UUID leadId, UUID stakeholderId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(lead -> Stakeholder.<Stakeholder>findById(stakeholderId))
                .map(s -> s != null && s.leadId.equals(leadId) ? s : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("stakeholder", stakeholderId));
    }

    private static ProblemException alreadyThere(UUID contactId) {
        return ProblemException.conflict("stakeholder-exists", "contact " + contactId + " is already a stakeholder of this lead");
    }
}
