package com.acme.crm.contracts.qualification;

import java.util.List;
import java.util.UUID;

/**
 * Command to opportunity-service: more notes of the opportunity one {@link CreateOpportunity}
 * announced, starting at position {@code firstPosition} of the lead's notes (oldest first, from 0).
 * Sent after the CreateOpportunity, in the same transaction, keyed by the lead id, so it arrives
 * after it on the same partition; its size is bounded like every message's.
 */
public record CopyOpportunityNotes(UUID qualificationId, UUID leadId, int firstPosition, List<CopiedNote> notes) {

    public List<CopiedNote> notesOrNone() {
        return notes == null ? List.of() : notes;
    }
}
