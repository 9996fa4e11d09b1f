package com.acme.crm.lead.api;

import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.notes.LeadNote;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Why a lead is disqualified, with an optional note stored as a lead note. The reason is a system
 * reason or an active one of the organisation's own (SPEC §10), checked against the list at the edge.
 */
public record DisqualifyRequest(
        @NotNull StatusReason reason,
        @Size(max = LeadNote.MAX_TEXT_LENGTH) String note) {
}
