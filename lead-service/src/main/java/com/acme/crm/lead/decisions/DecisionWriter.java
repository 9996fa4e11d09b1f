package com.acme.crm.lead.decisions;

import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.decisions.Decision.HistoryLine;
import com.acme.crm.lead.decisions.Decision.Outgoing;
import com.acme.crm.lead.events.LeadEventDataOf;
import com.acme.crm.lead.events.LeadEvents;
import com.acme.crm.lead.history.LeadHistory;
import com.acme.crm.lead.notes.LeadNotes;
import com.acme.crm.lead.qualification.AttemptEnds;
import com.acme.crm.lead.qualification.Qualification;
import com.acme.crm.lead.qualification.bulk.BulkJobs;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Carries out a {@link Decision} in the caller's transaction: the lead's and the attempt's new
 * state, the note, the history entries, the commands (outbox, in order, on the lead's key), the
 * public event showing the lead as stored, and an ended attempt's metrics, bulk-job result and signal.
 * Within a {@link WriteBehind} unit (a batch) nothing is flushed per decision: the event carries the version the
 * lead's row will have, and the batch's updates, history and messages are written at its end.
 */
@ApplicationScoped
public class DecisionWriter {

    @Inject
    Outbox outbox;
    @Inject
    LeadHistory history;
    @Inject
    LeadEvents events;
    @Inject
    LeadNotes notes;
    @Inject
    BulkJobs jobs;
    @Inject
    AttemptEnds ends;
    @Inject
    MeterRegistry metrics;
    @Inject
    ObjectMapper json;

    /**
     * @param lead    the lead, loaded in this transaction (may be null only for a decision that does not change it)
     * @param attempt the attempt's row, loaded in this transaction (null for a decision without one, or one it starts)
     * @return the attempt's row after the decision (the new one when it started one)
     */
    public Uni<Qualification> write(Lead lead, Qualification attempt, Decision decision) {
        boolean changesLead = lead != null && changes(decision, lead);
        PendingVersions.Change change = changesLead ? PendingVersions.change(lead) : PendingVersions.Change.OUTSIDE_UNIT;
        // a lead changed again in one unit: its earlier change is flushed first, so each change is one update and
        // each event's version is exact
        Uni<Void> settled = change == PendingVersions.Change.AGAIN ? lead.flush() : Uni.createFrom().voidItem();
        return settled.chain(() -> carryOut(lead, attempt, decision, change != PendingVersions.Change.OUTSIDE_UNIT));
    }

    /** @param predictable the lead's one pending change is this decision's: the flush will make exactly one update */
    private Uni<Qualification> carryOut(Lead lead, Qualification attempt, Decision decision, boolean predictable) {
        Qualification row = decision.attempt() == null ? attempt : store(decision.attempt(), attempt);
        long versionAfter = predictable ? lead.version + 1 : -1;
        if (decision.lead() != null) {
            apply(decision.lead(), lead);
        }
        if (decision.started()) {
            lead.latestQualification = row;
        }
        if (decision.touch() != null) {
            lead.modifiedAt = decision.touch().at();
            lead.modifiedBy = decision.touch().by();
        }
        Uni<Void> chain = decision.started() ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        if (decision.note() != null) {
            chain = chain.chain(() -> notes.append(lead.id, decision.note(), decision.touch().by()).replaceWithVoid());
        }
        if (decision.ended()) {
            chain = chain.chain(() -> ended(row));
        }
        for (HistoryLine line : decision.history()) {
            chain = chain.chain(() -> history.record(lead, line.actor(), line.action(), line.from(), line.to(), line.details()));
        }
        for (Outgoing message : decision.messages()) {
            chain = chain.chain(() -> outbox.publish(message.topic(), keyOf(lead, row), message.type().name(), message.data()));
        }
        if (decision.event() != null && predictable) {
            // the version the row will have (no flush per decision: a batch's updates are written at its end)
            chain = chain.chain(() -> events.publish(decision.event(), LeadEventDataOf.of(lead, versionAfter)));
        } else if (decision.event() != null) {
            chain = chain.chain(lead::flush) // the event shows the stored version
                    .chain(() -> events.publish(decision.event(), lead));
        }
        return chain.replaceWith(row);
    }

    /** Whether carrying out {@code decision} changes a column of {@code lead} (so its flush makes one update). */
    private static boolean changes(Decision decision, Lead lead) {
        return decision.lead() != null && !decision.lead().equals(LeadStatus.of(lead))
                || decision.touch() != null && (!Objects.equals(decision.touch().at(), lead.modifiedAt)
                        || !Objects.equals(decision.touch().by(), lead.modifiedBy));
    }

    /** The UTF-8 size of a value as the outbox writes it (as a String: Jackson's byte writer would escape a surrogate pair to 12 bytes). */
    public int jsonBytes(Object value) {
        return toJson(value).getBytes(StandardCharsets.UTF_8).length;
    }

    private static Object keyOf(Lead lead, Qualification attempt) {
        return lead != null ? lead.id : attempt.leadId;
    }

    private static void apply(LeadStatus status, Lead lead) {
        lead.state = status.state();
        lead.statusReason = status.reason();
        lead.closedAt = status.closedAt();
        lead.qualificationInProgress = status.qualifying();
        lead.qualificationId = status.qualificationId();
        lead.accountId = status.accountId();
        lead.contactId = status.contactId();
        lead.opportunityId = status.opportunityId();
    }

    private Qualification store(Attempt a, Qualification existing) {
        Qualification q = existing != null ? existing : new Qualification();
        q.id = a.id();
        q.leadId = a.leadId();
        q.status = a.status();
        q.createAccount = a.createAccount();
        q.createContact = a.createContact();
        q.createOpportunity = a.createOpportunity();
        q.existingAccountId = a.existingAccountId();
        q.existingContactId = a.existingContactId();
        q.opportunityCurrency = a.opportunityCurrency();
        q.duplicatePolicy = a.duplicatePolicy();
        q.accountId = a.accountId();
        q.contactId = a.contactId();
        q.opportunityId = a.opportunityId();
        q.duplicates = a.duplicates() == null ? null
                : toJson(Map.of("accounts", a.duplicates().accounts(), "contacts", a.duplicates().contacts()));
        q.failureReason = a.failureReason();
        q.requestedBy = a.requestedBy();
        q.idempotencyKey = a.idempotencyKey();
        q.startedAt = a.startedAt();
        q.deadline = a.deadline();
        q.finishedAt = a.finishedAt();
        q.lane = a.lane();
        return q;
    }

    /** Every attempt's end: counted, timed, reported to its bulk job if it has one, and announced to its waiters. */
    private Uni<Void> ended(Qualification q) {
        String status = q.status.name();
        Duration took = Duration.between(q.startedAt, q.finishedAt);
        // counted once it is committed: a batch that fails and is split would otherwise count its attempts twice
        WriteBehind.afterCommit(() -> {
            metrics.counter("crm.qualification.finished", "status", status).increment();
            metrics.timer("crm.qualification.duration", "status", status).record(took);
        });
        return jobs.attemptFinished(q).chain(ends::announce);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
