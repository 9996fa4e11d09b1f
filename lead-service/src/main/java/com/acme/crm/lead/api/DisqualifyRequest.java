package com.acme.crm.lead.api;

import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.notes.LeadNote;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Why a lead is disqualified, with an optional note stored as a lead note. */
public record DisqualifyRequest(
        @NotNull StatusReason reason,
        @Size(max = LeadNote.MAX_TEXT_LENGTH) String note) {

    @AssertTrue(message = "must be one of LOST, CANNOT_CONTACT, NO_LONGER_INTERESTED, CANCELED")
    public boolean isReason() {
        return reason == null || StatusReason.DISQUALIFY_REASONS.contains(reason);
    }
}
