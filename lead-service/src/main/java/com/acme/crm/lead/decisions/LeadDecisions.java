package com.acme.crm.lead.decisions;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.DuplicatesFound;
import com.acme.crm.contracts.qualification.OpportunityCommands;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.QualificationReply;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.decisions.Decision.HistoryLine;
import com.acme.crm.lead.decisions.Decision.Outgoing;
import com.acme.crm.lead.decisions.Decision.Touch;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.qualification.QualificationStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * The lead's state machine (SPEC §3–§5), decided without I/O: each method takes the lead's (and
 * its attempt's) current state and one input, and returns the {@link Decision} — the state after,
 * the history entries, the commands and the public event. A refused input throws the 4xx
 * {@link ProblemException} the API answers with. Callers load and lock, then write the decision.
 *
 * <p>The saga's rules: success closes the lead as QUALIFIED only once every wanted record is
 * confirmed; failure compensates (an undo to each service that may have acted) and leaves the lead
 * open; a reply for an attempt that is over is answered with an undo of what it reports created,
 * and a repeated reply changes nothing and sends nothing, by the attempt's state alone (lead-service's reply consumer
 * keeps no inbox record for replies: {@code QualificationReplyConsumer}). Each reply, delivered again:
 * <ul>
 * <li>unknown attempt: ignored, as the first time;</li>
 * <li>AccountAndContactResolved, DuplicatesFound, AccountAndContactRejected for a running attempt: the first one
 *     recorded the account step (ids) or ended the attempt, so a repeat finds the step done or the attempt final;</li>
 * <li>OpportunityCreated for a running attempt: completes it; a repeat finds it COMPLETED;</li>
 * <li>OpportunityRejected: fails it; a repeat finds it final;</li>
 * <li>any reply for a COMPLETED attempt: nothing;</li>
 * <li>a reply that created nothing (DuplicatesFound, either rejection) for a FAILED or DUPLICATES_FOUND attempt:
 *     nothing;</li>
 * <li>a late AccountAndContactResolved or OpportunityCreated for a FAILED or DUPLICATES_FOUND attempt: an undo,
 *     and the ids it reports recorded on the attempt; a repeat finds them and sends nothing (see lateReply).</li>
 * </ul>
 * Only a transition writes history, the public event, the attempt's end (job row, NOTIFY, metrics) and commands, so a
 * repeat does none of these ({@code LeadDecisionsTest}: "delivered twice"). Every command of an attempt, undos
 * included, goes on the attempt's lane ({@link Attempt#lane()}), so they stay in order on the lead's key.
 */
public final class LeadDecisions {

    /** The actor of what the platform does by itself (a timeout). */
    public static final String SYSTEM = "system";

    private LeadDecisions() {
    }

    // ---- the lifecycle: edit, disqualify, reactivate, delete -------------------------------------------------

    /** Closed leads are read-only until reactivated; a running qualification locks an open one. */
    public static void requireEditable(LeadStatus lead) {
        if (!lead.isOpen()) {
            throw ProblemException.conflict("lead-closed",
                    "the lead is " + lead.state() + " and read-only; reactivate it to change it");
        }
        requireNoQualificationInProgress(lead);
    }

    public static void requireNoQualificationInProgress(LeadStatus lead) {
        if (lead.qualifying()) {
            throw ProblemException.conflict("qualification-in-progress",
                    "a qualification of this lead is in progress; wait for its outcome");
        }
    }

    /** Before a merge patch is read: the lead is editable and {@code ifMatch} (may be null) names its version. */
    public static void requirePatchable(LeadFacts lead, String ifMatch) {
        requireEditable(lead.status());
        IfMatch.require(ifMatch, lead.version());
    }

    /** A merge patch changed {@code changedFields} (none: nothing to record or announce). */
    public static Decision patched(LeadFacts lead, List<String> changedFields, String actor, Instant now) {
        if (changedFields.isEmpty()) {
            return Decision.NOTHING;
        }
        LeadState state = lead.status().state();
        return new Decision(null, new Touch(now, actor), null, false, false,
                List.of(new HistoryLine(actor, HistoryAction.UPDATED, state, state, "changed " + String.join(", ", changedFields))),
                List.of(), PublicEvents.LEAD_UPDATED, null);
    }

    /** Closes an open lead without business; {@code note} (may be blank) is added to its notes. */
    public static Decision disqualify(LeadFacts lead, StatusReason reason, String note, String actor, Instant now) {
        requireEditable(lead.status());
        if (lead.status().opportunityId() != null) {
            throw ProblemException.conflict("lead-has-opportunity",
                    "the lead has an opportunity (" + lead.status().opportunityId() + "); close the opportunity instead");
        }
        boolean withNote = note != null && !note.isBlank();
        return new Decision(lead.status().disqualified(reason, now), new Touch(now, actor), null, false, false,
                List.of(new HistoryLine(actor, HistoryAction.DISQUALIFIED, LeadState.OPEN, LeadState.DISQUALIFIED,
                        reason + (withNote ? "; note added" : ""))),
                List.of(), PublicEvents.LEAD_DISQUALIFIED, withNote ? note : null);
    }

    /** Closed → OPEN/NEW; the ids an earlier qualification recorded stay on the lead. */
    public static Decision reactivate(LeadFacts lead, String actor, Instant now) {
        LeadStatus status = lead.status();
        if (status.isOpen()) {
            throw ProblemException.conflict("lead-open", "the lead is already open");
        }
        return new Decision(status.reopened(), new Touch(now, actor), null, false, false,
                List.of(new HistoryLine(actor, HistoryAction.REACTIVATED, status.state(), LeadState.OPEN,
                        "was " + status.state() + " (" + status.reason() + ")")),
                List.of(), PublicEvents.LEAD_REACTIVATED, null);
    }

    // ---- starting an attempt --------------------------------------------------------------------------------

    /**
     * One start of a qualification (a single call, or one lead of a bulk job).
     *
     * @param choices         what the caller asked (null: nothing said)
     * @param duplicatePolicy a bulk job's policy, or null to take it from the choices
     * @param lane            the topics the attempt's messages travel on ({@link LaneChoice})
     */
    public record StartInput(QualifyChoices choices, DuplicatePolicy duplicatePolicy, String idempotencyKey,
                             boolean createRecordsByDefault, String actor, UUID attemptId, Instant now, Duration timeout,
                             Lane lane) {
    }

    /**
     * Starts an attempt: records it, marks the lead as being qualified and asks account-service for
     * the account and contact. {@code sameKey} is the lead's attempt with the request's idempotency
     * key, if there is one: then the request is a repeat and that attempt is the answer, whatever
     * the lead's state now.
     */
    public static Decision start(LeadFacts lead, Attempt sameKey, StartInput in) {
        if (sameKey != null) {
            return Decision.answer(sameKey);
        }
        LeadStatus status = lead.status();
        if (!status.isOpen()) {
            throw ProblemException.conflict("lead-not-open", "lead " + lead.id() + " is " + status.state() + "; only an open lead can be qualified");
        }
        if (status.qualifying()) {
            throw ProblemException.conflict("qualification-in-progress", "lead " + lead.id() + " is already being qualified");
        }
        Attempt attempt = resolve(lead, in);
        ResolveAccountAndContact command = new ResolveAccountAndContact(attempt.id(), lead.id(), lead.ownerId(),
                attempt.createAccount(), attempt.createContact(), attempt.existingAccountId(), attempt.existingContactId(),
                attempt.duplicatePolicy(), lead.prospect());
        return new Decision(status.qualifyingIn(attempt.id()), new Touch(in.now(), in.actor()), attempt, true, false,
                List.of(new HistoryLine(in.actor(), HistoryAction.QUALIFICATION_REQUESTED, status.state(), status.state(),
                        "attempt " + attempt.id())),
                List.of(new Outgoing(attempt.lane().accountCommands(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT, command)),
                null, null);
    }

    /** Applies SPEC §5's defaults and rules to the request; a 400 names every field at fault. */
    private static Attempt resolve(LeadFacts lead, StartInput in) {
        QualifyChoices r = in.choices() == null ? QualifyChoices.NONE : in.choices();
        boolean byDefault = in.createRecordsByDefault();
        List<Problem.Violation> violations = new ArrayList<>();
        if (!byDefault && r.namesNoRecords()) {
            violations.add(new Problem.Violation("createAccount",
                    "records are not created by default here: say which of createAccount, createContact, createOpportunity you want"));
        }
        boolean createAccount = r.createAccount() != null ? r.createAccount() : byDefault;
        boolean createContact = r.createContact() != null ? r.createContact() : byDefault;
        boolean createOpportunity = r.createOpportunity() != null ? r.createOpportunity() : byDefault;
        UUID existingAccount = r.existingAccountId() != null ? r.existingAccountId() : lead.existingAccountId();
        UUID existingContact = r.existingContactId() != null ? r.existingContactId() : lead.existingContactId();
        String currency = r.opportunityCurrency() != null ? r.opportunityCurrency() : lead.currency();
        if (createOpportunity && currency == null) {
            violations.add(new Problem.Violation("opportunityCurrency", "is required when an opportunity is created"));
        }
        if (!createAccount && !createContact && !createOpportunity && existingAccount == null && existingContact == null) {
            violations.add(new Problem.Violation("createAccount", "nothing to create or link"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("the qualification request is not valid", violations);
        }
        DuplicatePolicy policy = in.duplicatePolicy() != null ? in.duplicatePolicy()
                : Boolean.TRUE.equals(r.suppressDuplicateDetection()) ? DuplicatePolicy.CREATE_NEW : DuplicatePolicy.REPORT;
        return new Attempt(in.attemptId(), lead.id(), QualificationStatus.IN_PROGRESS, createAccount, createContact,
                createOpportunity, existingAccount, existingContact, currency, policy, null, null, null, null, null,
                in.actor(), in.idempotencyKey(), in.now(), in.now().plus(in.timeout()), null, in.lane());
    }

    // ---- the replies, and the timeout ---------------------------------------------------------------------

    /** Whether deciding on {@code reply} needs the lead's notes, stakeholders and files (they go with the CreateOpportunity). */
    public static boolean needsOpportunityContent(Attempt attempt, QualificationReply reply) {
        return attempt != null && !attempt.isFinal() && !attempt.accountStepDone()
                && attempt.createOpportunity() && reply instanceof AccountAndContactResolved;
    }

    /**
     * A reply from account- or opportunity-service.
     *
     * @param lead      the attempt's lead (may be null when the attempt is over and the lead was deleted since)
     * @param attempt   the attempt the reply names, locked (null: unknown, the reply is ignored)
     * @param content   the lead's notes, stakeholders and files, when {@link #needsOpportunityContent} says so
     * @param jsonBytes how the outbox measures a message's JSON (every command stays within the message limit)
     */
    public static Decision onReply(LeadFacts lead, Attempt attempt, QualificationReply reply, OpportunityContent content,
                                   ToIntFunction<Object> jsonBytes, Instant now) {
        if (attempt == null) {
            return Decision.NOTHING;
        }
        if (attempt.isFinal()) {
            return lateReply(attempt, reply);
        }
        if (reply instanceof AccountAndContactResolved resolved) {
            return attempt.accountStepDone() ? Decision.NOTHING : resolved(lead, attempt, resolved, content, jsonBytes, now);
        }
        if (reply instanceof DuplicatesFound found) {
            return attempt.accountStepDone() ? Decision.NOTHING : duplicatesFound(lead, attempt, found, now);
        }
        if (reply instanceof AccountAndContactRejected rejected) { // it created nothing
            return attempt.accountStepDone() ? Decision.NOTHING
                    : fail(lead, attempt, rejected.reason(), attempt.requestedBy(), false, false, now);
        }
        if (reply instanceof OpportunityCreated created) {
            return complete(lead, attempt.completed(created.opportunityId(), now));
        }
        OpportunityRejected rejected = (OpportunityRejected) reply;
        return fail(lead, attempt, rejected.reason(), attempt.requestedBy(), true, false, now);
    }

    /** Gives up a running attempt whose deadline passed; both undos go out, since either step may have acted. */
    public static Decision timeOut(LeadFacts lead, Attempt attempt, Instant now) {
        if (attempt.isFinal()) {
            return Decision.NOTHING; // a reply decided it first
        }
        String waitingFor = attempt.accountStepDone() ? "opportunity-service" : "account-service";
        return fail(lead, attempt, "timed out after " + Duration.between(attempt.startedAt(), now).toSeconds()
                + " s waiting for " + waitingFor, SYSTEM, true, true, now);
    }

    private static Decision resolved(LeadFacts lead, Attempt attempt, AccountAndContactResolved resolved, OpportunityContent content,
                                     ToIntFunction<Object> jsonBytes, Instant now) {
        Attempt after = attempt.resolved(resolved.accountId(), resolved.contactId());
        if (!after.createOpportunity()) {
            return complete(lead, after.completed(null, now));
        }
        LeadFacts.ForOpportunity o = lead.forOpportunity();
        CreateOpportunity command = new CreateOpportunity(after.id(), lead.id(), lead.ownerId(), after.accountId(),
                after.contactId(), o.topic(), after.opportunityCurrency(), o.budgetAmount(), o.purchaseTimeframe(),
                o.purchaseProcess(), o.decisionMaker(), o.description(), null, null).withStakeholders(content.stakeholders())
                .withAttachments(content.attachments());
        OpportunityCommands split = OpportunityCommands.of(command, content.notes(), jsonBytes);
        List<Outgoing> messages = new ArrayList<>();
        messages.add(new Outgoing(after.lane().opportunityCommands(), QualificationMessages.CREATE_OPPORTUNITY, split.command()));
        for (CopyOpportunityNotes chunk : split.chunks()) {
            messages.add(new Outgoing(after.lane().opportunityCommands(), QualificationMessages.COPY_OPPORTUNITY_NOTES, chunk));
        }
        return new Decision(null, null, after, false, false, List.of(), List.copyOf(messages), null, null);
    }

    private static Decision duplicatesFound(LeadFacts lead, Attempt attempt, DuplicatesFound found, Instant now) {
        LeadState state = lead.status().state();
        return new Decision(lead.status().notQualifying(), null,
                attempt.duplicatesFound(new Attempt.Matches(found.accounts(), found.contacts()), now), false, true,
                List.of(new HistoryLine(attempt.requestedBy(), HistoryAction.DUPLICATES_FOUND, state, state,
                        found.accounts().size() + " account(s), " + found.contacts().size() + " contact(s) match")),
                List.of(), null, null);
    }

    private static Decision complete(LeadFacts lead, Attempt completed) {
        return new Decision(lead.status().qualified(completed), new Touch(completed.finishedAt(), completed.requestedBy()),
                completed, false, true,
                List.of(new HistoryLine(completed.requestedBy(), HistoryAction.QUALIFIED, lead.status().state(),
                        LeadState.QUALIFIED, "attempt " + completed.id())),
                List.of(), PublicEvents.LEAD_QUALIFIED, null);
    }

    private static Decision fail(LeadFacts lead, Attempt attempt, String reason, String actor, boolean undoAccount,
                                 boolean undoOpportunity, Instant now) {
        Attempt failed = attempt.failed(reason, now);
        List<Outgoing> undos = new ArrayList<>();
        if (undoAccount) {
            undos.add(undoAccountAndContact(attempt));
        }
        if (undoOpportunity) {
            undos.add(undoOpportunity(attempt));
        }
        LeadState state = lead.status().state();
        return new Decision(lead.status().notQualifying(), new Touch(now, actor), failed, false, true,
                List.of(new HistoryLine(actor, HistoryAction.QUALIFICATION_FAILED, state, state, failed.failureReason())),
                List.copyOf(undos), PublicEvents.LEAD_QUALIFICATION_FAILED, null);
    }

    /**
     * The attempt is over; whatever this reply says was created must not outlive it. The records it reports are
     * recorded on the attempt with their undo, so a repeat of the reply finds them known and sends nothing: records the
     * attempt knows were reported before its end, whose undo went out with the failure (a failure after the account
     * step undoes it, a timeout undoes both), or by a late reply naming them, already answered.
     */
    private static Decision lateReply(Attempt attempt, QualificationReply reply) {
        if (attempt.status() == QualificationStatus.COMPLETED) {
            return Decision.NOTHING; // a repeat of a reply that completed it
        }
        if (reply instanceof AccountAndContactResolved resolved) {
            return attempt.knows(resolved) ? Decision.NOTHING
                    : Decision.attemptAndMessages(attempt.resolved(resolved.accountId(), resolved.contactId()),
                            List.of(undoAccountAndContact(attempt)));
        }
        if (reply instanceof OpportunityCreated created) {
            return attempt.knows(created) ? Decision.NOTHING
                    : Decision.attemptAndMessages(attempt.withOpportunity(created.opportunityId()),
                            List.of(undoOpportunity(attempt)));
        }
        return Decision.NOTHING; // it created nothing
    }

    private static Outgoing undoAccountAndContact(Attempt attempt) {
        return new Outgoing(attempt.lane().accountCommands(), QualificationMessages.UNDO_ACCOUNT_AND_CONTACT,
                new UndoAccountAndContact(attempt.id(), attempt.leadId()));
    }

    private static Outgoing undoOpportunity(Attempt attempt) {
        return new Outgoing(attempt.lane().opportunityCommands(), QualificationMessages.UNDO_OPPORTUNITY,
                new UndoOpportunity(attempt.id(), attempt.leadId()));
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
