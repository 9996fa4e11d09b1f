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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Carries out a {@link Decision} in the caller's transaction: the lead's and the attempt's new
 * state, the note, the history entries, the commands (outbox, in order, on the lead's key), the
 * public event showing the lead as stored, and an ended attempt's metrics, bulk-job result and signal.
 * Within a {@link WriteBehind} unit (a batch) nothing is flushed per decision: the lead's and the attempt's rows are
 * written set-based at its end ({@link PendingVersions}, {@link RowUpdates}: one update statement per table for the
 * batch), the event carries the version the lead's row will have, and history and messages are written at its end too;
 * a reply's or a timeout's decision is then carried out without a Uni ({@link #queue}), the same way whether the
 * caller loaded the lead and attempt itself or a reply batch held them.
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
    @Inject
    RowUpdates updates;

    /**
     * @param lead    the lead, loaded in this transaction (may be null only for a decision that does not change it)
     * @param attempt the attempt's row, loaded in this transaction (null for a decision without one, or one it starts)
     * @return the attempt's row after the decision (the new one when it started one)
     */
    public Uni<Qualification> write(Lead lead, Qualification attempt, Decision decision) {
        if (!PendingVersions.inUnit()) {
            return carryOut(lead, attempt, decision, -1);
        }
        return Panache.getSession().chain(session -> decision.started() || decision.note() != null
                ? carryOut(lead, attempt, decision, tracked(session, lead, attempt, decision))
                : Uni.createFrom().item(queue(session, lead, attempt, decision)));
    }

    /**
     * Carries out a decision that neither starts an attempt nor adds a note (a reply's, a timeout's) inside a
     * {@link WriteBehind} unit, without a Uni: every row it writes waits in the unit (the lead's and the attempt's in
     * {@link PendingVersions}, history, job row, commands and event in their writers), the signal and the metrics follow
     * the commit. What a reply batch's works call for the replies whose attempt and lead the batch holds.
     *
     * @param session the unit's session (the one {@code lead} and {@code attempt} were loaded in)
     * @return the attempt's row after the decision
     */
    public Qualification queue(Mutiny.Session session, Lead lead, Qualification attempt, Decision decision) {
        if (decision.started() || decision.note() != null) {
            throw new IllegalArgumentException("a start or a note is written through write(), not queued: " + decision);
        }
        long versionAfter = tracked(session, lead, attempt, decision);
        Qualification row = decision.attempt() == null ? attempt : store(decision.attempt(), attempt);
        applyTo(lead, decision);
        if (decision.ended()) {
            countWhenCommitted(row);
            jobs.queueAttemptFinished(row);
            ends.announce(session, row.id);
        }
        UUID key = keyOf(lead, row);
        for (HistoryLine line : decision.history()) {
            history.queue(key, line.actor(), line.action(), line.from(), line.to(), line.details());
        }
        for (Outgoing message : decision.messages()) {
            outbox.queue(message.topic(), key, message.type().name(), message.data());
        }
        if (decision.event() != null) {
            if (lead == null) {
                throw new IllegalStateException("an event without its lead: " + decision);
            }
            events.queue(decision.event(), LeadEventDataOf.of(lead, versionAfter));
        }
        return row;
    }

    /**
     * In a unit, the lead's and the attempt's changes are written set-based at its end ({@link PendingVersions}), not
     * flushed by Hibernate. @return the version the lead's row will have after this decision (-1 without a lead)
     */
    private long tracked(Mutiny.Session session, Lead lead, Qualification attempt, Decision decision) {
        boolean changesAttempt = attempt != null && decision.attempt() != null && !decision.started()
                && !decision.attempt().equals(Attempt.of(attempt));
        if (changesAttempt) {
            PendingVersions.change(session, attempt, attemptUpdates);
        }
        if (lead == null) {
            return -1;
        }
        int leadChanges = changes(decision, lead) ? PendingVersions.change(session, lead, leadUpdates) : PendingVersions.changesOf(lead);
        return lead.version + leadChanges;
    }

    // a unit's changed leads and attempts, as the decisions left them, one update per table, joined with the unit's other
    // writes at its end (no other writer there changes or reads these rows; the history's and job rows' keys are checked
    // at the statement's end)
    private final WriteBehind.Joinable<PendingVersions.Pending<Lead>> leadUpdates = (session, rows) -> updates.leads(
            rows.stream().map(p -> RowUpdates.LeadRow.of(p.entity, p.loaded, p.changes)).toList());
    private final WriteBehind.Joinable<PendingVersions.Pending<Qualification>> attemptUpdates = (session, rows) -> updates.attempts(
            rows.stream().map(p -> RowUpdates.AttemptRow.of(p.entity, p.loaded, p.changes)).toList());

    /** @param versionAfter the version the lead's row will have (in a unit), or -1: flush before an event (outside one) */
    private Uni<Qualification> carryOut(Lead lead, Qualification attempt, Decision decision, long versionAfter) {
        Qualification row = decision.attempt() == null ? attempt : store(decision.attempt(), attempt);
        applyTo(lead, decision);
        if (decision.started()) {
            lead.latestQualification = row;
        }
        Uni<Void> chain = decision.started() ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        if (decision.note() != null) {
            chain = chain.chain(() -> notes.append(lead.id, decision.note(), decision.touch().by()).replaceWithVoid());
        }
        if (decision.ended()) {
            chain = chain.chain(() -> ended(row));
        }
        if (!decision.history().isEmpty() || !decision.messages().isEmpty()) {
            chain = chain.chain(() -> recordAndSend(keyOf(lead, row), decision));
        }
        if (decision.event() != null && versionAfter >= 0) {
            // the version the row will have (no flush per decision: a batch's updates are written at its end)
            chain = chain.chain(() -> events.publish(decision.event(), LeadEventDataOf.of(lead, versionAfter)));
        } else if (decision.event() != null) {
            chain = chain.chain(lead::flush) // the event shows the stored version
                    .chain(() -> events.publish(decision.event(), lead));
        }
        return chain.replaceWith(row);
    }

    /**
     * A decision's history entries and commands (outbox, in order, on the lead's key): the part of carrying it out
     * that does not touch the lead's or the attempt's row, shared with the set-based starts, which write those rows
     * themselves.
     */
    public Uni<Void> recordAndSend(UUID leadId, Decision decision) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (HistoryLine line : decision.history()) {
            chain = chain.chain(() -> history.record(leadId, line.actor(), line.action(), line.from(), line.to(), line.details()));
        }
        for (Outgoing message : decision.messages()) {
            chain = chain.chain(() -> outbox.publish(message.topic(), leadId, message.type().name(), message.data()));
        }
        return chain;
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

    private static UUID keyOf(Lead lead, Qualification attempt) {
        return lead != null ? lead.id : attempt.leadId;
    }

    /** The decision's status and touch on the lead entity (what its update, or the unit's, writes). */
    private static void applyTo(Lead lead, Decision decision) {
        if (decision.lead() != null) {
            apply(decision.lead(), lead);
        }
        if (decision.touch() != null) {
            lead.modifiedAt = decision.touch().at();
            lead.modifiedBy = decision.touch().by();
        }
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
        countWhenCommitted(q);
        return jobs.attemptFinished(q).chain(() -> ends.announce(q.id));
    }

    private void countWhenCommitted(Qualification q) {
        String status = q.status.name();
        Duration took = Duration.between(q.startedAt, q.finishedAt);
        // counted once it is committed: a batch that fails and is split would otherwise count its attempts twice
        WriteBehind.afterCommit(() -> {
            metrics.counter("crm.qualification.finished", "status", status).increment();
            metrics.timer("crm.qualification.duration", "status", status).record(took);
        });
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
