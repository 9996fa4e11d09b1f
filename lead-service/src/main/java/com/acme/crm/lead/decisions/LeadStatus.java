package com.acme.crm.lead.decisions;

import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;

import java.time.Instant;
import java.util.UUID;

/** The part of a lead its lifecycle and qualification decide: its state and the records a qualification gave it. */
public record LeadStatus(LeadState state, StatusReason reason, Instant closedAt, boolean qualifying,
                         UUID qualificationId, UUID accountId, UUID contactId, UUID opportunityId) {

    public static LeadStatus of(Lead lead) {
        return new LeadStatus(lead.state, lead.statusReason, lead.closedAt, lead.qualificationInProgress,
                lead.qualificationId, lead.accountId, lead.contactId, lead.opportunityId);
    }

    public boolean isOpen() {
        return state == LeadState.OPEN;
    }

    LeadStatus qualifyingIn(UUID attempt) {
        return new LeadStatus(state, reason, closedAt, true, attempt, accountId, contactId, opportunityId);
    }

    LeadStatus notQualifying() {
        return new LeadStatus(state, reason, closedAt, false, qualificationId, accountId, contactId, opportunityId);
    }

    LeadStatus qualified(Attempt attempt) {
        return new LeadStatus(LeadState.QUALIFIED, StatusReason.QUALIFIED, attempt.finishedAt(), false, qualificationId,
                attempt.accountId(), attempt.contactId(), attempt.opportunityId());
    }

    LeadStatus disqualified(StatusReason why, Instant at) {
        return new LeadStatus(LeadState.DISQUALIFIED, why, at, qualifying, qualificationId, accountId, contactId, opportunityId);
    }

    /** Open again; the ids an earlier qualification recorded stay, as history. */
    LeadStatus reopened() {
        return new LeadStatus(LeadState.OPEN, StatusReason.NEW, null, qualifying, qualificationId, accountId, contactId, opportunityId);
    }
}
