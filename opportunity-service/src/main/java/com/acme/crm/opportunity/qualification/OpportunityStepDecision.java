package com.acme.crm.opportunity.qualification;

import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;

import java.util.Optional;

/**
 * opportunity-service's step of a qualification, decided without I/O from the command and what
 * {@link OpportunityMaker} found under its locks: make the opportunity or not, store a chunk of
 * notes or not, confirm or wait (SPEC rules 7 and 9). Anything for an undone attempt is ignored,
 * so an undo leaves nothing behind whatever comes after it; a repeat stores and answers nothing twice.
 */
public final class OpportunityStepDecision {

    private OpportunityStepDecision() {
    }

    public sealed interface OnCreate permits Make, Reject, Ignore {
    }

    /** Make the opportunity with the command's first notes. */
    public record Make() implements OnCreate, OnNotes {
    }

    /** Answer OpportunityRejected with this reason (SPEC rule 7); nothing is stored. */
    public record Reject(String reason) implements OnCreate {
    }

    /** Nothing to do; {@code why} is for the log. */
    public record Ignore(String why) implements OnCreate, OnNotes {
    }

    public sealed interface OnNotes permits Make, Refuse, Ignore {
    }

    /** The chunk can never be stored: it is set aside for an operator. */
    public record Refuse(String reason) implements OnNotes {
    }

    /**
     * @param attemptUndone     the attempt was compensated already
     * @param opportunityExists the attempt already has its opportunity (the command is a repeat)
     */
    public static OnCreate create(CreateOpportunity command, boolean attemptUndone, boolean opportunityExists) {
        Optional<String> problem = CreateOpportunityCheck.problem(command);
        if (problem.isPresent()) {
            return new Reject(problem.get());
        }
        if (attemptUndone) {
            return new Ignore("CreateOpportunity for undone attempt " + command.qualificationId() + " ignored");
        }
        if (opportunityExists) {
            return new Ignore("CreateOpportunity for attempt " + command.qualificationId() + " repeated; its opportunity exists");
        }
        return new Make();
    }

    /**
     * A chunk of notes; {@link Make} means "store them".
     *
     * @param announcedNotes how many notes the attempt's opportunity expects; null when it has none (undone)
     */
    public static OnNotes notes(CopyOpportunityNotes chunk, Integer announcedNotes) {
        Optional<String> problem = CreateOpportunityCheck.notesProblem(chunk.notesOrNone());
        if (problem.isPresent()) {
            return new Refuse("notes of attempt " + chunk.qualificationId() + " cannot be stored: " + problem.get());
        }
        if (announcedNotes == null) {
            return new Ignore("notes for attempt " + chunk.qualificationId() + " without an opportunity (undone) ignored");
        }
        if (chunk.firstPosition() < 0 || chunk.firstPosition() + chunk.notesOrNone().size() > announcedNotes) {
            return new Refuse("notes " + chunk.firstPosition() + "+" + chunk.notesOrNone().size()
                    + " outside the " + announcedNotes + " announced for attempt " + chunk.qualificationId());
        }
        return new Make();
    }

    /** Confirmed (reply OpportunityCreated and the public event, once) when the last expected note is stored. */
    public static boolean confirms(boolean confirmedAlready, long storedNotes, int expectedNotes) {
        return !confirmedAlready && storedNotes >= expectedNotes;
    }
}
