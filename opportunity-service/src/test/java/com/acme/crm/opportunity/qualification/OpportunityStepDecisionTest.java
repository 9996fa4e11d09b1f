package com.acme.crm.opportunity.qualification;

import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.opportunity.qualification.OpportunityStepDecision.Ignore;
import com.acme.crm.opportunity.qualification.OpportunityStepDecision.Make;
import com.acme.crm.opportunity.qualification.OpportunityStepDecision.Refuse;
import com.acme.crm.opportunity.qualification.OpportunityStepDecision.Reject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given what the attempt has, when a command or a chunk of notes comes, then what the step does (plain JUnit). */
class OpportunityStepDecisionTest {

    private static final CopiedNote NOTE = new CopiedNote("wants a pilot", "alice", Instant.parse("2026-11-26T08:00:00Z"));
    private final UUID attempt = UUID.randomUUID();
    private final UUID lead = UUID.randomUUID();

    private CreateOpportunity command(String currency) {
        return new CreateOpportunity(attempt, lead, "alice", UUID.randomUUID(), UUID.randomUUID(), "Fleet telematics", currency,
                new BigDecimal("120000"), null, null, null, null, 3, List.of(NOTE));
    }

    private CopyOpportunityNotes chunk(int first, int count) {
        return new CopyOpportunityNotes(attempt, lead, first, Collections.nCopies(count, NOTE));
    }

    @Test
    void aNewAttempt_makesTheOpportunity() {
        assertEquals(new Make(), OpportunityStepDecision.create(command("EUR"), false, false));
    }

    @Test
    void aCommandThatCannotBeStored_isRejectedWithItsReason_evenForAnUndoneAttempt() {
        assertEquals(new Reject("currency is not an ISO 4217 code: EURO"), OpportunityStepDecision.create(command("EURO"), true, false));
    }

    @Test
    void anUndoneAttempt_orARepeat_makesNothing() {
        assertInstanceOf(Ignore.class, OpportunityStepDecision.create(command("EUR"), true, false));
        assertInstanceOf(Ignore.class, OpportunityStepDecision.create(command("EUR"), true, true));
        assertInstanceOf(Ignore.class, OpportunityStepDecision.create(command("EUR"), false, true));
    }

    @Test
    void notesWithinTheAnnouncedCount_areStored() {
        assertEquals(new Make(), OpportunityStepDecision.notes(chunk(1, 2), 3));
    }

    @Test
    void notesOfAnAttemptWithoutOpportunity_areIgnored() {
        assertInstanceOf(Ignore.class, OpportunityStepDecision.notes(chunk(1, 2), null));
    }

    @Test
    void notesOutsideTheAnnouncedCount_orUnstorable_areRefused() {
        assertEquals(new Refuse("notes 2+2 outside the 3 announced for attempt " + attempt), OpportunityStepDecision.notes(chunk(2, 2), 3));
        assertInstanceOf(Refuse.class, OpportunityStepDecision.notes(chunk(-1, 1), 3));
        CopyOpportunityNotes tooLong = new CopyOpportunityNotes(attempt, lead, 1,
                List.of(new CopiedNote("x".repeat(10_001), "alice", NOTE.createdAt())));
        assertInstanceOf(Refuse.class, OpportunityStepDecision.notes(tooLong, 3));
    }

    @Test
    void confirmedOnce_whenTheLastExpectedNoteIsStored() {
        assertFalse(OpportunityStepDecision.confirms(false, 2, 3));
        assertTrue(OpportunityStepDecision.confirms(false, 3, 3));
        assertFalse(OpportunityStepDecision.confirms(true, 3, 3), "a repeat answers nothing twice");
        assertTrue(OpportunityStepDecision.confirms(false, 0, 0), "an opportunity without notes at once");
    }
}
