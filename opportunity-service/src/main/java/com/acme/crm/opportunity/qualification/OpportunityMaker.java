package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.opportunity.Opportunity;
import com.acme.crm.opportunity.OpportunityNotes;
import com.acme.crm.opportunity.OpportunityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * opportunity-service's step of a qualification: create the opportunity for the attempt's
 * account and contact and answer the lead service; and its compensation. Runs inside the
 * consumer's transaction, so the record, its event and the reply commit together.
 */
@ApplicationScoped
public class OpportunityMaker {

    @Inject
    Outbox outbox;

    @Inject
    OpportunityNotes notes;

    @Inject
    OpportunityService opportunities;

    public Uni<Void> create(CreateOpportunity command) {
        if (command.currency() == null || command.currency().isBlank()) {
            return reply(command.leadId(), QualificationMessages.OPPORTUNITY_REJECTED,
                    new OpportunityRejected(command.qualificationId(), command.leadId(), "no currency given"));
        }
        // at most one opportunity per attempt, even if the command comes twice
        return Opportunity.<Opportunity>find("createdByQualification", command.qualificationId()).firstResult()
                .chain(existing -> existing != null ? Uni.createFrom().item(existing) : insert(command))
                .chain(opportunity -> reply(command.leadId(), QualificationMessages.OPPORTUNITY_CREATED,
                        new OpportunityCreated(command.qualificationId(), command.leadId(), opportunity.id)));
    }

    public Uni<Void> undo(UndoOpportunity command) {
        return Opportunity.<Opportunity>find("createdByQualification", command.qualificationId()).firstResult()
                .chain(opportunity -> opportunity == null ? Uni.createFrom().voidItem()
                        : outbox.publish(Topics.OPPORTUNITY_EVENTS, opportunity.id, PublicEvents.OPPORTUNITY_DELETED,
                                opportunities.view(opportunity)).chain(opportunity::delete));
    }

    private Uni<Opportunity> insert(CreateOpportunity command) {
        Instant now = Instant.now();
        Opportunity o = new Opportunity();
        o.id = UUID.randomUUID();
        o.name = command.name();
        o.accountId = command.accountId();
        o.contactId = command.contactId();
        o.currency = command.currency();
        o.estimatedValue = command.estimatedValue();
        o.purchaseTimeframe = command.purchaseTimeframe();
        o.purchaseProcess = command.purchaseProcess();
        o.decisionMaker = command.decisionMaker();
        o.description = command.description();
        o.stage = Opportunity.Stage.DEVELOP;
        o.ownerId = command.ownerId();
        o.originatingLeadId = command.leadId();
        o.createdByQualification = command.qualificationId();
        o.notes = notes.write(command.notes());
        o.createdAt = now;
        o.modifiedAt = now;
        return o.<Opportunity>persist().call(saved -> outbox.publish(Topics.OPPORTUNITY_EVENTS, saved.id,
                PublicEvents.OPPORTUNITY_CREATED, opportunities.view(saved)));
    }

    private <T> Uni<Void> reply(UUID leadId, com.acme.crm.contracts.MessageType<T> type, T data) {
        return outbox.publish(Topics.QUALIFICATION_REPLIES, leadId, type, data);
    }
}
