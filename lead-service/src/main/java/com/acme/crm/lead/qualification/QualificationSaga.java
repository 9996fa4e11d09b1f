package com.acme.crm.lead.qualification;

import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.StakeholderRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.DuplicatesFound;
import com.acme.crm.contracts.qualification.OpportunityCommands;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.QualificationReply;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.api.LeadView;
import com.acme.crm.lead.events.LeadEvents;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.history.LeadHistory;
import com.acme.crm.lead.notes.LeadNote;
import com.acme.crm.lead.stakeholders.LeadStakeholders;
import com.acme.crm.lead.qualification.bulk.BulkJobs;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The lead side of the qualification saga: what each reply does to the attempt and the lead.
 * Every method runs in the caller's transaction (the reply consumer's or the timeout sweep's),
 * with the attempt row locked, so a reply and a timeout never both decide one attempt.
 *
 * <p>Success closes the lead as QUALIFIED only once every wanted record is confirmed. Failure
 * compensates: it asks the services to remove whatever this attempt created, and reopens the
 * lead with a reason. A reply for an attempt that is already over (late after a timeout) is
 * answered with an undo, so nothing it created is left behind.
 */
@ApplicationScoped
public class QualificationSaga {

    private static final Logger LOG = Logger.getLogger(QualificationSaga.class);
    static final String SYSTEM = "system";

    @Inject
    Outbox outbox;

    @Inject
    LeadHistory history;

    @Inject
    LeadEvents events;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    BulkJobs jobs;

    public Uni<Void> on(QualificationReply reply) {
        return Qualification.<Qualification>findById(reply.qualificationId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(q -> {
                    if (q == null) {
                        LOG.warnf("reply %s for unknown attempt %s ignored", reply.getClass().getSimpleName(), reply.qualificationId());
                        return Uni.createFrom().voidItem();
                    }
                    if (q.status.isFinal()) {
                        return lateReply(q, reply);
                    }
                    return advance(q, reply);
                });
    }

    private Uni<Void> advance(Qualification q, QualificationReply reply) {
        if (reply instanceof AccountAndContactResolved resolved) {
            return accountAndContactResolved(q, resolved);
        }
        if (reply instanceof DuplicatesFound found) {
            return duplicatesFound(q, found);
        }
        if (reply instanceof AccountAndContactRejected rejected) {
            return fail(q, rejected.reason(), q.requestedBy, false, false); // it created nothing
        }
        if (reply instanceof OpportunityCreated created) {
            q.opportunityId = created.opportunityId();
            return complete(q);
        }
        OpportunityRejected rejected = (OpportunityRejected) reply;
        return fail(q, rejected.reason(), q.requestedBy, true, false);
    }

    /** Gives up a running attempt whose deadline passed; both undos go out, since either step may have acted. */
    public Uni<Void> timeOut(Qualification q) {
        return fail(q, "timed out after " + Duration.between(q.startedAt, Instant.now()).toSeconds()
                + " s waiting for " + (q.accountId == null && q.contactId == null ? "account-service" : "opportunity-service"),
                SYSTEM, true, true);
    }

    private Uni<Void> accountAndContactResolved(Qualification q, AccountAndContactResolved resolved) {
        q.accountId = resolved.accountId();
        q.contactId = resolved.contactId();
        if (!q.createOpportunity) {
            return complete(q);
        }
        return Lead.<Lead>findById(q.leadId).chain(lead -> LeadNote.ofLead(lead.id).chain(notes ->
                LeadStakeholders.refsOf(lead.id).chain(stakeholders -> createOpportunity(q, lead,
                        notes.stream().map(n -> new CopiedNote(n.text, n.author, n.createdAt)).toList(), stakeholders))));
    }

    /**
     * The CreateOpportunity and, for the notes that do not fit beside it, CopyOpportunityNotes
     * chunks: every message at most {@code MessageLimits.MAX_DATA_BYTES}, all in this transaction's
     * outbox, in order, on the lead's key (so they reach opportunity-service in order).
     */
    private Uni<Void> createOpportunity(Qualification q, Lead lead, List<CopiedNote> notes, List<StakeholderRef> stakeholders) {
        CreateOpportunity command = new CreateOpportunity(q.id, lead.id, lead.ownerId, q.accountId, q.contactId, lead.topic,
                q.opportunityCurrency, lead.budgetAmount,
                lead.purchaseTimeframe == null ? null : lead.purchaseTimeframe.name(),
                lead.purchaseProcess == null ? null : lead.purchaseProcess.name(),
                lead.decisionMaker, lead.description, null, null).withStakeholders(stakeholders);
        OpportunityCommands messages = OpportunityCommands.of(command, notes, this::jsonBytes);
        Uni<Void> sent = outbox.publish(Topics.OPPORTUNITY_COMMANDS, lead.id, QualificationMessages.CREATE_OPPORTUNITY, messages.command());
        for (CopyOpportunityNotes chunk : messages.chunks()) {
            sent = sent.chain(() -> outbox.publish(Topics.OPPORTUNITY_COMMANDS, lead.id, QualificationMessages.COPY_OPPORTUNITY_NOTES, chunk));
        }
        return sent;
    }

    /**
     * The size of {@code value} as the outbox writes it: as a String, sent as UTF-8 (Jackson's byte
     * writer would escape a surrogate pair to 12 bytes where the String path sends 4).
     */
    private int jsonBytes(Object value) {
        try {
            return json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Uni<Void> duplicatesFound(Qualification q, DuplicatesFound found) {
        q.status = QualificationStatus.DUPLICATES_FOUND;
        q.duplicates = toJson(Map.of("accounts", found.accounts(), "contacts", found.contacts()));
        q.finishedAt = Instant.now();
        return finished(q).chain(() -> Lead.<Lead>findById(q.leadId)).chain(lead -> {
            lead.qualificationInProgress = false;
            return history.record(lead, q.requestedBy, HistoryAction.DUPLICATES_FOUND, lead.state, lead.state,
                    found.accounts().size() + " account(s), " + found.contacts().size() + " contact(s) match");
        });
    }

    private Uni<Void> complete(Qualification q) {
        q.status = QualificationStatus.COMPLETED;
        q.finishedAt = Instant.now();
        return finished(q).chain(() -> Lead.<Lead>findById(q.leadId)).chain(lead -> {
            LeadState from = lead.state;
            lead.state = LeadState.QUALIFIED;
            lead.statusReason = StatusReason.QUALIFIED;
            lead.closedAt = q.finishedAt;
            lead.accountId = q.accountId;
            lead.contactId = q.contactId;
            lead.opportunityId = q.opportunityId;
            lead.qualificationInProgress = false;
            lead.modifiedAt = q.finishedAt;
            lead.modifiedBy = q.requestedBy;
            return history.record(lead, q.requestedBy, HistoryAction.QUALIFIED, from, lead.state, "attempt " + q.id)
                    .chain(lead::flush)
                    .chain(() -> events.publish(PublicEvents.LEAD_QUALIFIED, LeadView.of(lead)));
        });
    }

    private Uni<Void> fail(Qualification q, String reason, String actor, boolean undoAccount, boolean undoOpportunity) {
        q.status = QualificationStatus.FAILED;
        q.failureReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        q.finishedAt = Instant.now();
        Uni<Void> undo = finished(q);
        if (undoAccount) {
            undo = undo.chain(() -> undoAccountAndContact(q));
        }
        if (undoOpportunity) {
            undo = undo.chain(() -> undoOpportunity(q));
        }
        return undo.chain(() -> Lead.<Lead>findById(q.leadId)).chain(lead -> {
            lead.qualificationInProgress = false;
            lead.modifiedAt = q.finishedAt;
            lead.modifiedBy = actor;
            return history.record(lead, actor, HistoryAction.QUALIFICATION_FAILED, lead.state, lead.state, q.failureReason)
                    .chain(lead::flush)
                    .chain(() -> events.publish(PublicEvents.LEAD_QUALIFICATION_FAILED, LeadView.of(lead)));
        });
    }

    /** The attempt is over; whatever this reply says was created must not outlive it. */
    private Uni<Void> lateReply(Qualification q, QualificationReply reply) {
        if (q.status == QualificationStatus.COMPLETED) {
            return Uni.createFrom().voidItem(); // a repeat of a reply that completed it
        }
        LOG.infof("late %s for %s attempt %s: compensating", reply.getClass().getSimpleName(), q.status, q.id);
        if (reply instanceof AccountAndContactResolved) {
            return undoAccountAndContact(q);
        }
        if (reply instanceof OpportunityCreated) {
            return undoOpportunity(q);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> undoAccountAndContact(Qualification q) {
        return outbox.publish(Topics.ACCOUNT_COMMANDS, q.leadId, QualificationMessages.UNDO_ACCOUNT_AND_CONTACT,
                new UndoAccountAndContact(q.id, q.leadId));
    }

    private Uni<Void> undoOpportunity(Qualification q) {
        return outbox.publish(Topics.OPPORTUNITY_COMMANDS, q.leadId, QualificationMessages.UNDO_OPPORTUNITY,
                new UndoOpportunity(q.id, q.leadId));
    }

    /** Every attempt's end: counted, timed, and reported to its bulk job if it has one. */
    private Uni<Void> finished(Qualification q) {
        metrics.counter("crm.qualification.finished", "status", q.status.name()).increment();
        metrics.timer("crm.qualification.duration", "status", q.status.name())
                .record(Duration.between(q.startedAt, q.finishedAt));
        return jobs.attemptFinished(q);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
