package com.acme.crm.lead.decisions;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.DuplicatesFound;
import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.StakeholderRef;
import com.acme.crm.contracts.qualification.QualificationReply;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.decisions.Decision.HistoryLine;
import com.acme.crm.lead.decisions.Decision.Outgoing;
import com.acme.crm.lead.decisions.Decision.Touch;
import com.acme.crm.lead.decisions.LeadDecisions.StartInput;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.qualification.QualificationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lead's state machine, given a lead (and its attempt), when an input arrives, then the
 * decision: every transition, and every late or repeated reply. Plain JUnit, no Quarkus, no I/O.
 */
class LeadDecisionsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String ALICE = "alice";

    private final UUID leadId = UUID.randomUUID();
    private final UUID attemptId = UUID.randomUUID();
    private final UUID account = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();
    private final UUID opportunity = UUID.randomUUID();

    // ---- givens ----

    private LeadStatus open() {
        return new LeadStatus(LeadState.OPEN, StatusReason.NEW, null, false, null, null, null, null);
    }

    private LeadFacts lead(LeadStatus status) {
        return new LeadFacts(leadId, ALICE, 3, status, null, null, "EUR",
                new ProspectDetails("Kaizen Logistics", "kaizen.example", null, "Yui", "Nakamura", null,
                        "yui@kaizen.example", null, null, null, null, null, null, null),
                new LeadFacts.ForOpportunity("Fleet telematics", new BigDecimal("120000"), "THIS_QUARTER", null, true, "pilot"));
    }

    private LeadFacts openLead() {
        return lead(open());
    }

    private LeadFacts qualifyingLead() {
        return lead(open().qualifyingIn(attemptId));
    }

    private Attempt running(boolean createOpportunity) {
        return new Attempt(attemptId, leadId, QualificationStatus.IN_PROGRESS, true, true, createOpportunity, null, null,
                "EUR", DuplicatePolicy.REPORT, null, null, null, null, null, ALICE, null, T0, T0.plus(TIMEOUT), null, Lane.INTERACTIVE);
    }

    private Attempt accountStepDone() {
        return running(true).resolved(account, contact);
    }

    private Attempt finished(QualificationStatus status) {
        return switchTo(accountStepDone(), status);
    }

    private static Attempt switchTo(Attempt a, QualificationStatus status) {
        if (status == QualificationStatus.COMPLETED) {
            return a.completed(UUID.randomUUID(), T0.plusSeconds(1));
        }
        if (status == QualificationStatus.FAILED) {
            return a.failed("timed out", T0.plusSeconds(1));
        }
        return a.duplicatesFound(new Attempt.Matches(List.of(), List.of()), T0.plusSeconds(1));
    }

    private List<QualificationReply> everyReply() {
        return List.of(new AccountAndContactResolved(attemptId, leadId, account, contact),
                new DuplicatesFound(attemptId, leadId, List.of(), List.of()),
                new AccountAndContactRejected(attemptId, leadId, "no"),
                new OpportunityCreated(attemptId, leadId, opportunity),
                new OpportunityRejected(attemptId, leadId, "no"));
    }

    private StartInput start(QualifyChoices choices, boolean byDefault) {
        return new StartInput(choices, null, null, byDefault, ALICE, attemptId, T0, TIMEOUT, Lane.INTERACTIVE);
    }

    private static Decision reply(LeadFacts lead, Attempt attempt, QualificationReply reply) {
        return LeadDecisions.onReply(lead, attempt, reply, OpportunityContent.NONE, value -> value.toString().length(), T1);
    }

    private static ProblemException refused(int status, String slug, Executable when) {
        ProblemException problem = assertThrows(ProblemException.class, when);
        assertEquals(status, problem.problem().status());
        if (slug != null) {
            assertTrue(problem.problem().type().endsWith("/" + slug), problem.problem().type());
        }
        return problem;
    }

    // ---- patching a lead ----

    @Test
    void changedFields_touchRecordAndAnnounce() {
        Decision d = LeadDecisions.patched(openLead(), List.of("jobTitle", "email"), ALICE, T1);

        assertNull(d.lead());
        assertEquals(new Touch(T1, ALICE), d.touch());
        assertEquals(List.of(new HistoryLine(ALICE, HistoryAction.UPDATED, LeadState.OPEN, LeadState.OPEN,
                "changed jobTitle, email")), d.history());
        assertEquals(PublicEvents.LEAD_UPDATED, d.event());
    }

    @Test
    void nothingChanged_nothingRecordedOrAnnounced() {
        assertTrue(LeadDecisions.patched(openLead(), List.of(), ALICE, T1).changesNothing());
    }

    @Test
    void closedOrQualifyingLead_isRefused() {
        refused(409, "lead-closed", () -> LeadDecisions.requirePatchable(
                lead(open().disqualified(StatusReason.LOST, T0)), null));
        refused(409, "qualification-in-progress", () -> LeadDecisions.requirePatchable(qualifyingLead(), null));
    }

    @Test
    void ifMatch_mustNameTheCurrentVersion() {
        LeadDecisions.requirePatchable(openLead(), "\"3\"");
        LeadDecisions.requirePatchable(openLead(), "W/\"3\"");
        LeadDecisions.requirePatchable(openLead(), "\"1\", \"3\"");
        LeadDecisions.requirePatchable(openLead(), "*");
        refused(412, null, () -> LeadDecisions.requirePatchable(openLead(), "\"2\""));
    }

    // ---- disqualifying ----

    @Test
    void openLead_closesWithTheReasonAndTheNote() {
        Decision d = LeadDecisions.disqualify(openLead(), StatusReason.LOST, "budget frozen", ALICE, T1);

        assertEquals(new LeadStatus(LeadState.DISQUALIFIED, StatusReason.LOST, T1, false, null, null, null, null), d.lead());
        assertEquals(new Touch(T1, ALICE), d.touch());
        assertEquals("budget frozen", d.note());
        assertEquals(List.of(new HistoryLine(ALICE, HistoryAction.DISQUALIFIED, LeadState.OPEN, LeadState.DISQUALIFIED,
                "LOST; note added")), d.history());
        assertEquals(PublicEvents.LEAD_DISQUALIFIED, d.event());
        assertEquals(List.of(), d.messages());
    }

    @Test
    void blankNote_isNotAdded() {
        Decision d = LeadDecisions.disqualify(openLead(), StatusReason.CANCELED, "  ", ALICE, T1);

        assertNull(d.note());
        assertEquals("CANCELED", d.history().get(0).details());
    }

    @Test
    void leadWithAnOpportunity_closedOrQualifying_isRefused() {
        LeadStatus withOpportunity = new LeadStatus(LeadState.OPEN, StatusReason.NEW, null, false, attemptId, account, contact, opportunity);
        refused(409, "lead-has-opportunity", () -> LeadDecisions.disqualify(lead(withOpportunity), StatusReason.LOST, null, ALICE, T1));
        refused(409, "lead-closed", () -> LeadDecisions.disqualify(
                lead(open().disqualified(StatusReason.LOST, T0)), StatusReason.LOST, null, ALICE, T1));
        refused(409, "qualification-in-progress", () -> LeadDecisions.disqualify(qualifyingLead(), StatusReason.LOST, null, ALICE, T1));
    }

    // ---- reactivating ----

    @Test
    void qualifiedLead_opensAgainKeepingTheRecordsIds() {
        LeadStatus qualified = new LeadStatus(LeadState.QUALIFIED, StatusReason.QUALIFIED, T0, false, attemptId, account, contact, opportunity);

        Decision d = LeadDecisions.reactivate(lead(qualified), ALICE, T1);

        assertEquals(new LeadStatus(LeadState.OPEN, StatusReason.NEW, null, false, attemptId, account, contact, opportunity), d.lead());
        assertEquals(List.of(new HistoryLine(ALICE, HistoryAction.REACTIVATED, LeadState.QUALIFIED, LeadState.OPEN,
                "was QUALIFIED (QUALIFIED)")), d.history());
        assertEquals(PublicEvents.LEAD_REACTIVATED, d.event());
    }

    @Test
    void disqualifiedLead_opensAgain() {
        Decision d = LeadDecisions.reactivate(lead(open().disqualified(StatusReason.CANNOT_CONTACT, T0)), ALICE, T1);

        assertEquals(open(), d.lead());
        assertEquals("was DISQUALIFIED (CANNOT_CONTACT)", d.history().get(0).details());
    }

    @Test
    void openLead_isRefused() {
        refused(409, "lead-open", () -> LeadDecisions.reactivate(openLead(), ALICE, T1));
    }

    @Test
    void deleting_aLeadBeingQualified_isRefused() {
        refused(409, "qualification-in-progress", () -> LeadDecisions.requireNoQualificationInProgress(qualifyingLead().status()));
        LeadDecisions.requireNoQualificationInProgress(open());
    }

    // ---- starting an attempt ----

    @Test
    void openLead_startsAnAttemptWithTheDefaults_locksTheLead_andAsksAccountService() {
        Decision d = LeadDecisions.start(openLead(), null, start(QualifyChoices.NONE, true));

        Attempt a = d.attempt();
        assertTrue(d.started());
        assertFalse(d.ended());
        assertEquals(new Attempt(attemptId, leadId, QualificationStatus.IN_PROGRESS, true, true, true, null, null, "EUR",
                DuplicatePolicy.REPORT, null, null, null, null, null, ALICE, null, T0, T0.plus(TIMEOUT), null, Lane.INTERACTIVE), a);
        assertEquals(open().qualifyingIn(attemptId), d.lead());
        assertEquals(new Touch(T0, ALICE), d.touch());
        assertEquals(List.of(new HistoryLine(ALICE, HistoryAction.QUALIFICATION_REQUESTED, LeadState.OPEN, LeadState.OPEN,
                "attempt " + attemptId)), d.history());
        assertEquals(List.of(new Outgoing(Topics.ACCOUNT_COMMANDS_INTERACTIVE, QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT,
                new ResolveAccountAndContact(attemptId, leadId, ALICE, true, true, null, null, DuplicatePolicy.REPORT,
                        openLead().prospect()))), d.messages());
        assertNull(d.event());
    }

    @Test
    void requestFlags_overrideDefaults_andTheLeadsLinkedRecordsFillIn() {
        LeadFacts linked = new LeadFacts(leadId, ALICE, 3, open(), account, null, "EUR", openLead().prospect(), openLead().forOpportunity());

        Attempt a = LeadDecisions.start(linked, null, start(new QualifyChoices(false, true, true, null, null, "USD", true), true)).attempt();

        assertFalse(a.createAccount());
        assertEquals(account, a.existingAccountId());
        assertEquals("USD", a.opportunityCurrency());
        assertEquals(DuplicatePolicy.CREATE_NEW, a.duplicatePolicy());
    }

    @Test
    void aBulkJobsPolicy_winsOverTheRequest() {
        StartInput in = new StartInput(QualifyChoices.NONE, DuplicatePolicy.LINK_EXISTING, "job:1", true, ALICE, attemptId, T0, TIMEOUT,
                Lane.BULK);

        Decision d = LeadDecisions.start(openLead(), null, in);

        assertEquals(DuplicatePolicy.LINK_EXISTING, d.attempt().duplicatePolicy());
        assertEquals("job:1", d.attempt().idempotencyKey());
        assertEquals(Lane.BULK, d.attempt().lane());
        assertEquals(List.of(Topics.ACCOUNT_COMMANDS), d.messages().stream().map(Outgoing::topic).toList());
    }

    @Test
    void everyCommandOfABulkAttempt_travelsOnTheBulkLane_itsUndosAndLateUndosToo() {
        Attempt bulk = LeadDecisions.start(openLead(), null, new StartInput(QualifyChoices.NONE, DuplicatePolicy.REPORT, "job:1",
                true, ALICE, attemptId, T0, TIMEOUT, Lane.BULK)).attempt();
        LeadFacts lead = lead(open().qualifyingIn(attemptId));

        List<CopiedNote> notes = List.of(new CopiedNote("a", ALICE, T0), new CopiedNote("b", ALICE, T0), new CopiedNote("c", ALICE, T0));
        int big = com.acme.crm.contracts.MessageLimits.MAX_DATA_BYTES * 2 / 5; // one note beside the command, then chunks
        Decision resolved = LeadDecisions.onReply(lead, bulk, new AccountAndContactResolved(attemptId, leadId, account, contact),
                OpportunityContent.notes(notes), v -> v instanceof CopiedNote ? big : 200, T1);
        Attempt afterResolve = resolved.attempt();
        assertTrue(resolved.messages().stream().anyMatch(m -> m.data() instanceof CopyOpportunityNotes));
        Decision rejected = LeadDecisions.onReply(lead, afterResolve, new OpportunityRejected(attemptId, leadId, "no"), OpportunityContent.NONE,
                value -> 0, T1);
        Decision late = LeadDecisions.onReply(lead, rejected.attempt(), new OpportunityCreated(attemptId, leadId, opportunity),
                OpportunityContent.NONE, value -> 0, T1);
        Decision timedOut = LeadDecisions.timeOut(lead, afterResolve, T1.plus(TIMEOUT));

        assertEquals(Set.of(Topics.OPPORTUNITY_COMMANDS), topics(resolved));
        assertEquals(Set.of(Topics.ACCOUNT_COMMANDS), topics(rejected));
        assertEquals(Set.of(Topics.OPPORTUNITY_COMMANDS), topics(late));
        assertEquals(Set.of(Topics.ACCOUNT_COMMANDS, Topics.OPPORTUNITY_COMMANDS), topics(timedOut));
    }

    private static Set<String> topics(Decision d) {
        assertFalse(d.messages().isEmpty());
        return d.messages().stream().map(Outgoing::topic).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void invalidRequests_areRefusedNamingTheFields() {
        ProblemException noDefaults = refused(400, null, () -> LeadDecisions.start(openLead(), null, start(QualifyChoices.NONE, false)));
        assertEquals("createAccount", noDefaults.problem().violations().get(0).field());
        LeadFacts noCurrency = new LeadFacts(leadId, ALICE, 3, open(), null, null, null, openLead().prospect(), openLead().forOpportunity());
        ProblemException currency = refused(400, null, () -> LeadDecisions.start(noCurrency, null, start(QualifyChoices.NONE, true)));
        assertEquals("opportunityCurrency", currency.problem().violations().get(0).field());
        ProblemException nothing = refused(400, null, () -> LeadDecisions.start(openLead(), null,
                start(new QualifyChoices(false, false, false, null, null, null, null), true)));
        assertEquals("createAccount", nothing.problem().violations().get(0).field());
    }

    @Test
    void aLeadStartedEarlierInTheSameWindow_isSeenRunning_soASecondJobsStartOfItIsRefused() {
        Decision first = LeadDecisions.start(openLead(), null, new StartInput(QualifyChoices.NONE, DuplicatePolicy.REPORT,
                "job:1", true, ALICE, attemptId, T0, TIMEOUT, Lane.BULK));

        LeadFacts after = openLead().after(first);

        assertEquals(open().qualifyingIn(attemptId), after.status());
        assertEquals(4, after.version(), "the start's update steps the version once");
        refused(409, "qualification-in-progress", () -> LeadDecisions.start(after, null, new StartInput(QualifyChoices.NONE,
                DuplicatePolicy.REPORT, "job:2", true, ALICE, UUID.randomUUID(), T0, TIMEOUT, Lane.BULK)));
    }

    @Test
    void aDecisionThatLeavesTheLeadsStatus_leavesItsFactsAsTheyWere() {
        LeadFacts lead = qualifyingLead();

        assertSame(lead, lead.after(LeadDecisions.onReply(lead, running(true),
                new AccountAndContactResolved(attemptId, leadId, account, contact), OpportunityContent.NONE, v -> 0, T1)));
        assertSame(lead, lead.after(Decision.answer(running(true))));
    }

    @Test
    void closedLead_orOneBeingQualified_isRefused() {
        refused(409, "lead-not-open", () -> LeadDecisions.start(lead(open().disqualified(StatusReason.LOST, T0)), null,
                start(QualifyChoices.NONE, true)));
        refused(409, "qualification-in-progress", () -> LeadDecisions.start(qualifyingLead(), null, start(QualifyChoices.NONE, true)));
    }

    @Test
    void repeatedRequest_answersTheSameAttempt_evenOnceTheLeadClosed() {
        Attempt earlier = finished(QualificationStatus.COMPLETED);
        LeadFacts closed = lead(open().qualified(earlier));

        Decision d = LeadDecisions.start(closed, earlier, start(QualifyChoices.NONE, true));

        assertSame(earlier, d.attempt());
        assertFalse(d.started());
        assertNull(d.lead());
        assertEquals(List.of(), d.messages());
        assertEquals(List.of(), d.history());
    }

    // ---- the replies of a running attempt ----

    @Test
    void accountResolved_recordsTheIds_andAsksForTheOpportunityWithTheLeadsValuesAndNotes() {
        List<CopiedNote> notes = List.of(new CopiedNote("wants a pilot", ALICE, T0));

        Decision d = LeadDecisions.onReply(qualifyingLead(), running(true),
                new AccountAndContactResolved(attemptId, leadId, account, contact), OpportunityContent.notes(notes), v -> 100, T1);

        assertEquals(QualificationStatus.IN_PROGRESS, d.attempt().status());
        assertEquals(account, d.attempt().accountId());
        assertEquals(contact, d.attempt().contactId());
        assertFalse(d.ended());
        assertNull(d.lead());
        assertEquals(List.of(new Outgoing(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, QualificationMessages.CREATE_OPPORTUNITY,
                new CreateOpportunity(attemptId, leadId, ALICE, account, contact, "Fleet telematics", "EUR",
                        new BigDecimal("120000"), "THIS_QUARTER", null, true, "pilot", 1, notes).withStakeholders(List.of())
                        .withAttachments(List.of()))),
                d.messages());
        assertEquals(List.of(), d.history());
        assertNull(d.event());
    }

    @Test
    void accountResolved_theLeadsStakeholdersAndFilesGoWithTheOpportunity() {
        List<StakeholderRef> stakeholders = List.of(new StakeholderRef(UUID.randomUUID(), "DECISION_MAKER"));
        List<AttachmentRef> files = List.of(new AttachmentRef(UUID.randomUUID(), "offer.pdf", "application/pdf", 1234, "ab".repeat(32)));

        Decision d = LeadDecisions.onReply(qualifyingLead(), running(true),
                new AccountAndContactResolved(attemptId, leadId, account, contact),
                new OpportunityContent(List.of(), stakeholders, files), v -> 100, T1);

        CreateOpportunity command = (CreateOpportunity) d.messages().get(0).data();
        assertEquals(stakeholders, command.stakeholdersOrNone());
        assertEquals(files, command.attachmentsOrNone());
    }

    @Test
    void accountResolved_notesBeyondOneMessage_followInChunksInOrder() {
        List<CopiedNote> notes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            notes.add(new CopiedNote("note " + i, ALICE, T0));
        }
        // every note as large as 40 % of a message: one beside the command, then two per chunk
        int big = com.acme.crm.contracts.MessageLimits.MAX_DATA_BYTES * 2 / 5;

        Decision d = LeadDecisions.onReply(qualifyingLead(), running(true),
                new AccountAndContactResolved(attemptId, leadId, account, contact), OpportunityContent.notes(notes),
                v -> v instanceof CopiedNote ? big : 200, T1);

        List<Object> data = d.messages().stream().map(Outgoing::data).toList();
        CreateOpportunity first = (CreateOpportunity) data.get(0);
        assertEquals(5, first.expectedNotes());
        int position = first.firstNotes().size();
        for (Object chunk : data.subList(1, data.size())) {
            CopyOpportunityNotes copy = (CopyOpportunityNotes) chunk;
            assertEquals(position, copy.firstPosition());
            position += copy.notes().size();
        }
        assertEquals(5, position);
        assertTrue(data.size() > 2);
    }

    @Test
    void accountResolved_withoutAnOpportunity_qualifiesTheLead() {
        Decision d = reply(qualifyingLead(), running(false), new AccountAndContactResolved(attemptId, leadId, account, contact));

        assertEquals(QualificationStatus.COMPLETED, d.attempt().status());
        assertEquals(T1, d.attempt().finishedAt());
        assertTrue(d.ended());
        assertEquals(new LeadStatus(LeadState.QUALIFIED, StatusReason.QUALIFIED, T1, false, attemptId, account, contact, null), d.lead());
        assertEquals(List.of(), d.messages());
        assertEquals(PublicEvents.LEAD_QUALIFIED, d.event());
    }

    @Test
    void duplicatesFound_endsTheAttempt_andUnlocksTheLeadWithoutClosingIt() {
        DuplicateMatch match = new DuplicateMatch(account, "Kaizen", "name");

        Decision d = reply(qualifyingLead(), running(true), new DuplicatesFound(attemptId, leadId, List.of(match), List.of()));

        assertEquals(QualificationStatus.DUPLICATES_FOUND, d.attempt().status());
        assertEquals(new Attempt.Matches(List.of(match), List.of()), d.attempt().duplicates());
        assertTrue(d.ended());
        assertEquals(open().qualifyingIn(attemptId).notQualifying(), d.lead());
        assertNull(d.touch()); // a report, not an edit of the lead
        assertEquals(List.of(new HistoryLine(ALICE, HistoryAction.DUPLICATES_FOUND, LeadState.OPEN, LeadState.OPEN,
                "1 account(s), 0 contact(s) match")), d.history());
        assertEquals(List.of(), d.messages());
        assertNull(d.event());
    }

    @Test
    void accountRejected_failsWithoutUndo_sinceNothingWasCreated() {
        Decision d = reply(qualifyingLead(), running(true), new AccountAndContactRejected(attemptId, leadId, "account gone"));

        assertFailed(d, "account gone", ALICE);
        assertEquals(List.of(), d.messages());
    }

    @Test
    void opportunityCreated_qualifiesTheLeadWithAllThreeRecords() {
        Decision d = reply(qualifyingLead(), accountStepDone(), new OpportunityCreated(attemptId, leadId, opportunity));

        assertEquals(QualificationStatus.COMPLETED, d.attempt().status());
        assertEquals(new LeadStatus(LeadState.QUALIFIED, StatusReason.QUALIFIED, T1, false, attemptId, account, contact, opportunity), d.lead());
        assertEquals(new Touch(T1, ALICE), d.touch());
        assertEquals(List.of(new HistoryLine(ALICE, HistoryAction.QUALIFIED, LeadState.OPEN, LeadState.QUALIFIED,
                "attempt " + attemptId)), d.history());
        assertEquals(PublicEvents.LEAD_QUALIFIED, d.event());
    }

    @Test
    void opportunityRejected_failsAndUndoesTheAccountStep() {
        Decision d = reply(qualifyingLead(), accountStepDone(), new OpportunityRejected(attemptId, leadId, "bad currency"));

        assertFailed(d, "bad currency", ALICE);
        assertEquals(List.of(undoAccount()), d.messages());
    }

    @Test
    void aVeryLongReason_isCutTo500Characters() {
        Decision d = reply(qualifyingLead(), running(true), new AccountAndContactRejected(attemptId, leadId, "x".repeat(2_000)));

        assertEquals(500, d.attempt().failureReason().length());
    }

    // ---- timeouts ----

    @Test
    void beforeAccountServiceAnswered_failsAsTheSystem_andUndoesBothSteps() {
        Decision d = LeadDecisions.timeOut(qualifyingLead(), running(true), T0.plusSeconds(125));

        assertFailed(d, "timed out after 125 s waiting for account-service", LeadDecisions.SYSTEM);
        assertEquals(List.of(undoAccount(), undoOpportunity()), d.messages());
    }

    @Test
    void afterTheAccountStep_namesOpportunityService() {
        Decision d = LeadDecisions.timeOut(qualifyingLead(), accountStepDone(), T0.plusSeconds(121));

        assertEquals("timed out after 121 s waiting for opportunity-service", d.attempt().failureReason());
    }

    @Test
    void anAttemptAReplyDecidedFirst_isLeftAlone() {
        for (QualificationStatus status : List.of(QualificationStatus.COMPLETED, QualificationStatus.FAILED, QualificationStatus.DUPLICATES_FOUND)) {
            assertTrue(LeadDecisions.timeOut(lead(open()), finished(status), T1).changesNothing(), status.name());
        }
    }

    // ---- late and repeated replies ----

    @Test
    void replyForAnUnknownAttempt_isIgnored() {
        for (QualificationReply r : everyReply()) {
            assertTrue(reply(null, null, r).changesNothing(), r.toString());
        }
    }

    @Test
    void anyReplyAfterCompletion_changesNothing() {
        for (QualificationReply r : everyReply()) {
            assertTrue(reply(lead(open()), finished(QualificationStatus.COMPLETED), r).changesNothing(), r.toString());
        }
    }

    @Test
    void afterFailureOrDuplicates_whatALateReplyCreatedIsUndone_andRecorded_nothingElseChanges() {
        for (QualificationStatus status : List.of(QualificationStatus.FAILED, QualificationStatus.DUPLICATES_FOUND)) {
            Attempt over = switchTo(running(true), status); // ended before account-service answered
            assertEquals(Decision.attemptAndMessages(over.resolved(account, contact), List.of(undoAccount())),
                    reply(lead(open()), over, new AccountAndContactResolved(attemptId, leadId, account, contact)));
            assertEquals(Decision.attemptAndMessages(over.withOpportunity(opportunity), List.of(undoOpportunity())),
                    reply(lead(open()), over, new OpportunityCreated(attemptId, leadId, opportunity)));
            for (QualificationReply createdNothing : List.of(new DuplicatesFound(attemptId, leadId, List.of(), List.of()),
                    new AccountAndContactRejected(attemptId, leadId, "no"), new OpportunityRejected(attemptId, leadId, "no"))) {
                assertTrue(reply(lead(open()), over, createdNothing).changesNothing(), createdNothing.toString());
            }
        }
    }

    @Test
    void aLateReplyRepeated_findsWhatItReportedKnown_andSendsNoSecondUndo() {
        for (QualificationStatus status : List.of(QualificationStatus.FAILED, QualificationStatus.DUPLICATES_FOUND)) {
            for (QualificationReply late : List.of(new AccountAndContactResolved(attemptId, leadId, account, contact),
                    new OpportunityCreated(attemptId, leadId, opportunity))) {
                Attempt over = switchTo(running(true), status);
                Decision first = reply(lead(open()), over, late);
                assertEquals(1, first.messages().size(), late.toString());

                assertTrue(reply(lead(open()), first.attempt(), late).changesNothing(), status + " " + late);
            }
        }
    }

    @Test
    void aLateReplyNamingOtherRecords_isUndoneToo() {
        Attempt answered = reply(lead(open()), switchTo(running(true), QualificationStatus.FAILED),
                new AccountAndContactResolved(attemptId, leadId, account, contact)).attempt();
        UUID otherAccount = UUID.randomUUID();

        Decision d = reply(lead(open()), answered, new AccountAndContactResolved(attemptId, leadId, otherAccount, contact));

        assertEquals(List.of(undoAccount()), d.messages());
        assertEquals(otherAccount, d.attempt().accountId());
    }

    @Test
    void theAccountAnswerRepeated_afterAFailureThatUndidTheAccountStep_sendsNothing() {
        // a failure after the account step sent the account undo itself (OpportunityRejected; a timeout sends both)
        Attempt rejected = reply(qualifyingLead(), accountStepDone(), new OpportunityRejected(attemptId, leadId, "no")).attempt();
        Attempt timedOut = LeadDecisions.timeOut(qualifyingLead(), accountStepDone(), T0.plusSeconds(121)).attempt();
        for (Attempt over : List.of(rejected, timedOut)) {
            assertTrue(reply(lead(open()), over, new AccountAndContactResolved(attemptId, leadId, account, contact)).changesNothing(),
                    over.failureReason());
        }
    }

    @Test
    void everyReply_deliveredTwice_decidesOnceAndTheRepeatChangesNothing() {
        AccountAndContactResolved resolved = new AccountAndContactResolved(attemptId, leadId, account, contact);
        OpportunityCreated created = new OpportunityCreated(attemptId, leadId, opportunity);
        List<List<Object>> givenWhen = List.of(
                List.of(running(true), resolved), List.of(running(false), resolved),
                List.of(running(true), new DuplicatesFound(attemptId, leadId, List.of(), List.of())),
                List.of(running(true), new AccountAndContactRejected(attemptId, leadId, "no")),
                List.of(accountStepDone(), created),
                List.of(accountStepDone(), new OpportunityRejected(attemptId, leadId, "no")),
                // late, after a timeout: the first one is answered with an undo, its repeat with nothing
                List.of(LeadDecisions.timeOut(qualifyingLead(), running(true), T1).attempt(), resolved),
                List.of(LeadDecisions.timeOut(qualifyingLead(), accountStepDone(), T1).attempt(), created));
        for (List<Object> pair : givenWhen) {
            Attempt given = (Attempt) pair.get(0);
            QualificationReply when = (QualificationReply) pair.get(1);
            LeadFacts lead = given.isFinal() ? lead(open()) : qualifyingLead();

            Decision first = reply(lead, given, when);
            assertFalse(first.changesNothing(), "the first delivery decides: " + when);
            LeadFacts leadAfter = first.lead() == null ? lead : lead(first.lead());
            Attempt attemptAfter = first.attempt() == null ? given : first.attempt();

            Decision again = reply(leadAfter, attemptAfter, when);
            assertTrue(again.changesNothing(), "a repeat: no history, command, event, job row or signal: " + when + " -> " + again);
        }
    }

    @Test
    void lateReplyOfADeletedLead_stillUndoes() {
        Attempt over = finished(QualificationStatus.FAILED);
        assertEquals(Decision.attemptAndMessages(over.withOpportunity(opportunity), List.of(undoOpportunity())),
                reply(null, over, new OpportunityCreated(attemptId, leadId, opportunity)));
    }

    @Test
    void accountServiceAnsweringAgain_afterItsStep_changesNothing() {
        for (QualificationReply again : List.of(new AccountAndContactResolved(attemptId, leadId, account, contact),
                new DuplicatesFound(attemptId, leadId, List.of(), List.of()),
                new AccountAndContactRejected(attemptId, leadId, "no"))) {
            assertTrue(reply(qualifyingLead(), accountStepDone(), again).changesNothing(), again.toString());
        }
    }

    @Test
    void notesAreNeeded_onlyForTheFirstAccountAnswerOfAnAttemptWithAnOpportunity() {
        AccountAndContactResolved resolved = new AccountAndContactResolved(attemptId, leadId, account, contact);
        assertTrue(LeadDecisions.needsOpportunityContent(running(true), resolved));
        assertFalse(LeadDecisions.needsOpportunityContent(running(false), resolved));
        assertFalse(LeadDecisions.needsOpportunityContent(accountStepDone(), resolved));
        assertFalse(LeadDecisions.needsOpportunityContent(finished(QualificationStatus.FAILED), resolved));
        assertFalse(LeadDecisions.needsOpportunityContent(null, resolved));
        assertFalse(LeadDecisions.needsOpportunityContent(running(true), new OpportunityCreated(attemptId, leadId, opportunity)));
    }

    private void assertFailed(Decision d, String reason, String actor) {
        assertEquals(QualificationStatus.FAILED, d.attempt().status());
        assertEquals(reason, d.attempt().failureReason());
        assertEquals(d.touch().at(), d.attempt().finishedAt());
        assertTrue(d.ended());
        assertEquals(open().qualifyingIn(attemptId).notQualifying(), d.lead());
        assertEquals(actor, d.touch().by());
        assertEquals(List.of(new HistoryLine(actor, HistoryAction.QUALIFICATION_FAILED, LeadState.OPEN, LeadState.OPEN, reason)), d.history());
        assertEquals(PublicEvents.LEAD_QUALIFICATION_FAILED, d.event());
    }

    private Outgoing undoAccount() {
        return new Outgoing(Topics.ACCOUNT_COMMANDS_INTERACTIVE, QualificationMessages.UNDO_ACCOUNT_AND_CONTACT, new UndoAccountAndContact(attemptId, leadId));
    }

    private Outgoing undoOpportunity() {
        return new Outgoing(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, QualificationMessages.UNDO_OPPORTUNITY, new UndoOpportunity(attemptId, leadId));
    }
}
