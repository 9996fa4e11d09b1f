package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.steps.UndoneAttempts;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.MessageType;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.opportunity.Opportunity;
import com.acme.crm.opportunity.qualification.OpportunityRows.NewOpportunity;
import com.acme.crm.opportunity.OpportunityNotes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * opportunity-service's step of a qualification, and its compensation, as I/O around
 * {@link OpportunityStepDecision}. Runs inside the consumer's transaction, so the records, the
 * event and the reply commit together.
 *
 * <p>The lead's notes come in bounded messages: the CreateOpportunity with the first ones and
 * how many there are in all, then CopyOpportunityNotes chunks, in order on the lead's partition.
 * The opportunity is made at once; it is confirmed (the reply OpportunityCreated and the public
 * crm.opportunity.created.v1, each exactly once) when the last expected note is stored. A repeated
 * command or chunk stores nothing twice and answers nothing twice; anything for an attempt that
 * was undone is ignored, so an undo leaves nothing behind whatever comes after it.
 */
@ApplicationScoped
public class OpportunityMaker {

    private static final Logger LOG = Logger.getLogger(OpportunityMaker.class);

    /**
     * The new opportunities' writer for {@link WriteBehind}: a batch's wait there and are written together before the
     * commit, in the batch's one statement of writes; a chunk or an undo that reads them has them written first.
     */
    private final WriteBehind.Joinable<NewOpportunity> newOpportunities = (session, made) -> this.rows.statement(made);

    @Inject
    Outbox outbox;

    @Inject
    OpportunityNotes notes;

    @Inject
    AttemptLookup attempts;

    @Inject
    OpportunityRows rows;

    @Inject
    UndoneAttempts undoneAttempts;

    /** A create on its own: it loads and writes for itself. {@code lane}: where the command came from, the reply goes back on it. */
    public Uni<Void> create(CreateOpportunity command, Lane lane) {
        if (CreateOpportunityCheck.problem(command).isPresent()) { // nothing to look up
            return decided(command, OpportunityStepDecision.create(command, false, false), lane);
        }
        return attempts.find(command.qualificationId())
                .chain(found -> decided(command, OpportunityStepDecision.create(command, found.undone(), found.opportunity() != null), lane));
    }

    /** A consumer batch's own loads and writes (see {@link OpportunityBatch}); its creates are added as they are routed. */
    OpportunityBatch batch() {
        return new OpportunityBatch(attempts);
    }

    /**
     * A create of {@code batch}: from the batch's facts when it serves this transaction, else on its own. From the facts
     * it ends at once ({@link InOrder#DONE}): the decision, and its rows, event and reply queued for the batch's end.
     */
    public Uni<Void> create(CreateOpportunity command, OpportunityBatch batch, Lane lane) {
        if (!batch.serves() || !batch.knows(command.qualificationId())) {
            return create(command, lane);
        }
        AttemptLookup.Found found = batch.found(command.qualificationId());
        OpportunityStepDecision.OnCreate decision = OpportunityStepDecision.create(command, found.undone(), found.opportunity() != null);
        if (decision instanceof OpportunityStepDecision.Reject reject) {
            rejected(command, reject.reason());
            undoneAttempts.queueAnsweredWithoutRecords(command.qualificationId());
            outbox.queue(lane.replies(), command.leadId(), QualificationMessages.OPPORTUNITY_REJECTED, rejection(command, reject.reason()));
        } else if (decision instanceof OpportunityStepDecision.Ignore ignore) {
            LOG.info(ignore.why());
        } else {
            NewOpportunity made = made(command);
            WriteBehind.queue(newOpportunities, made);
            batch.made(command.qualificationId(), made.opportunity().id);
            if (made.opportunity().confirmedAt != null) {
                Opportunity o = made.opportunity();
                outbox.queue(Topics.OPPORTUNITY_EVENTS, o.id, PublicEvents.OPPORTUNITY_CREATED, o.summary());
                outbox.queue(lane.replies(), o.originatingLeadId, QualificationMessages.OPPORTUNITY_CREATED, created(o));
            }
        }
        return InOrder.DONE;
    }

    /** A chunk of {@code batch}: the opportunities made before it are written first, since it reads them. */
    public Uni<Void> copyNotes(CopyOpportunityNotes chunk, OpportunityBatch batch, Lane lane) {
        return batch.write(newOpportunities).chain(() -> copyNotes(chunk, lane));
    }

    /** An undo of {@code batch}: written first what it removes; the batch's later creates of the attempt are ignored. */
    public Uni<Void> undo(UndoOpportunity command, OpportunityBatch batch) {
        return batch.write(newOpportunities).chain(() -> undo(command)).invoke(() -> batch.undone(command.qualificationId()));
    }

    /** A create on its own: a new opportunity is written at once. */
    private Uni<Void> decided(CreateOpportunity command, OpportunityStepDecision.OnCreate decision, Lane lane) {
        if (decision instanceof OpportunityStepDecision.Reject reject) {
            return reject(command, reject.reason(), lane);
        }
        if (decision instanceof OpportunityStepDecision.Ignore ignore) {
            LOG.info(ignore.why());
            return Uni.createFrom().voidItem();
        }
        NewOpportunity made = made(command);
        Opportunity o = made.opportunity();
        return newOpportunities.write(List.of(made)).chain(() -> o.confirmedAt != null ? announce(o, lane) : Uni.createFrom().voidItem());
    }

    /** The new opportunity of a create, confirmed at once when its first notes are all there are. */
    private static NewOpportunity made(CreateOpportunity command) {
        Opportunity o = newOpportunity(command);
        if (OpportunityStepDecision.confirms(false, command.firstNotes().size(), o.noteCount)) {
            o.confirmedAt = o.createdAt;
        }
        return new NewOpportunity(o, command);
    }

    public Uni<Void> copyNotes(CopyOpportunityNotes chunk, Lane lane) {
        return ofAttempt(chunk.qualificationId()).chain(opportunity -> {
            OpportunityStepDecision.OnNotes decision = OpportunityStepDecision.notes(chunk,
                    opportunity == null ? null : opportunity.noteCount);
            if (decision instanceof OpportunityStepDecision.Refuse refuse) {
                throw new UnreadableMessageException(refuse.reason(), null);
            }
            if (decision instanceof OpportunityStepDecision.Ignore ignore) {
                LOG.info(ignore.why());
                return Uni.createFrom().voidItem();
            }
            return rows.notes(opportunity.id, chunk.firstPosition(), chunk.notesOrNone())
                    .chain(() -> confirmIfComplete(opportunity, lane));
        });
    }

    /**
     * Answers a command that cannot be done, for a reason that will not change on retry; nothing is stored but the attempt
     * as undone ({@link UndoneAttempts}): a repeat of the command, which might succeed now, makes nothing.
     */
    public Uni<Void> reject(CreateOpportunity command, String reason, Lane lane) {
        rejected(command, reason);
        return undoneAttempts.answeredWithoutRecords(command.qualificationId())
                .chain(() -> reply(lane, command.leadId(), QualificationMessages.OPPORTUNITY_REJECTED, rejection(command, reason)));
    }

    private static void rejected(CreateOpportunity command, String reason) {
        LOG.warnf("CreateOpportunity of attempt %s rejected: %s", command.qualificationId(), reason);
    }

    private static OpportunityRejected rejection(CreateOpportunity command, String reason) {
        return new OpportunityRejected(command.qualificationId(), command.leadId(), reason);
    }

    /** Removes the attempt's opportunity with its notes, and remembers the attempt so nothing of it is made later. */
    public Uni<Void> undo(UndoOpportunity command) {
        return undoneAttempts.undone(command.qualificationId())
                .chain(() -> ofAttempt(command.qualificationId()))
                .chain(opportunity -> {
                    if (opportunity == null) {
                        return Uni.createFrom().voidItem();
                    }
                    // the world heard of it only if it was confirmed
                    Uni<Void> event = opportunity.confirmedAt == null ? Uni.createFrom().voidItem()
                            : outbox.publish(Topics.OPPORTUNITY_EVENTS, opportunity.id, PublicEvents.OPPORTUNITY_DELETED, opportunity.summary());
                    return event.chain(opportunity::delete); // its notes go with it (on delete cascade)
                });
    }

    private Uni<Void> confirmIfComplete(Opportunity opportunity, Lane lane) {
        return Panache.flush().chain(() -> notes.count(opportunity.id)).chain(stored -> {
            if (!OpportunityStepDecision.confirms(opportunity.confirmedAt != null, stored, opportunity.noteCount)) {
                return Uni.createFrom().voidItem();
            }
            opportunity.confirmedAt = Instant.now();
            return Panache.flush().chain(() -> announce(opportunity, lane));
        });
    }

    /** The opportunity is confirmed: the world and the lead hear of it, once. */
    private Uni<Void> announce(Opportunity opportunity, Lane lane) {
        return outbox.publish(Topics.OPPORTUNITY_EVENTS, opportunity.id, PublicEvents.OPPORTUNITY_CREATED, opportunity.summary())
                .chain(() -> reply(lane, opportunity.originatingLeadId, QualificationMessages.OPPORTUNITY_CREATED, created(opportunity)));
    }

    private static OpportunityCreated created(Opportunity opportunity) {
        return new OpportunityCreated(opportunity.createdByQualification, opportunity.originatingLeadId, opportunity.id);
    }

    private static Opportunity newOpportunity(CreateOpportunity command) {
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
        o.noteCount = command.expectedNotes();
        o.createdAt = now;
        o.modifiedAt = now;
        return o;
    }

    /** The attempt's opportunity, locked: a chunk, a repeat and an undo of one attempt take turns even across a rebalance. */
    private static Uni<Opportunity> ofAttempt(UUID qualificationId) {
        return Opportunity.<Opportunity>find("createdByQualification", qualificationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private <T> Uni<Void> reply(Lane lane, UUID leadId, MessageType<T> type, T data) {
        return outbox.publish(lane.replies(), leadId, type, data);
    }
}
