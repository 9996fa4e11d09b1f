package com.acme.crm.lead.decisions;

import com.acme.crm.contracts.MessageType;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.history.HistoryAction;

import java.time.Instant;
import java.util.List;

/**
 * What one input does to a lead, decided without I/O; {@code LeadDecisionWriter} carries it out in
 * the caller's transaction. Null members mean "unchanged" / "none".
 *
 * @param lead     the lead's status after
 * @param touch    who changed the lead and when (its modifiedAt/modifiedBy), when the change counts as an edit
 * @param attempt  the qualification attempt after (a new one when {@code started})
 * @param started  {@code attempt} is new and must be stored
 * @param ended    {@code attempt} reached a final status with this input
 * @param history  entries for the lead's history, in order
 * @param messages commands to the other services, on the lead's key, in this order
 * @param event    the public lead event (a {@code PublicEvents} type) showing the lead after the change
 * @param note     a note to add to the lead
 */
public record Decision(LeadStatus lead, Touch touch, Attempt attempt, boolean started, boolean ended,
                       List<HistoryLine> history, List<Outgoing> messages, String event, String note) {

    public static final Decision NOTHING = new Decision(null, null, null, false, false, List.of(), List.of(), null, null);

    /** The lead's modifiedAt/modifiedBy after the change. */
    public record Touch(Instant at, String by) {
    }

    public record HistoryLine(String actor, HistoryAction action, LeadState from, LeadState to, String details) {
    }

    /** A command for another service, sent on the lead's key (so the lead's messages stay in order). */
    public record Outgoing(String topic, MessageType<?> type, Object data) {
    }

    public boolean changesNothing() {
        return this.equals(NOTHING);
    }

    /** The existing attempt is the answer (a repeated request); nothing changes. */
    static Decision answer(Attempt existing) {
        return new Decision(null, null, existing, false, false, List.of(), List.of(), null, null);
    }

    /** The attempt changes and commands go out; the lead, its history and its events stay as they are. */
    static Decision attemptAndMessages(Attempt attempt, List<Outgoing> messages) {
        return new Decision(null, null, attempt, false, false, List.of(), messages, null, null);
    }
}
