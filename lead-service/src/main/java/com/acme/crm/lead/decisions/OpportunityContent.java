package com.acme.crm.lead.decisions;

import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.StakeholderRef;

import java.util.List;

/**
 * What of the lead goes with its opportunity: the notes (oldest first), the stakeholders and the
 * files' metadata (oldest first). Loaded by the saga's I/O only when
 * {@link LeadDecisions#needsOpportunityContent} says so.
 */
public record OpportunityContent(List<CopiedNote> notes, List<StakeholderRef> stakeholders, List<AttachmentRef> attachments) {

    public static final OpportunityContent NONE = new OpportunityContent(List.of(), List.of(), List.of());

    public OpportunityContent {
        notes = List.copyOf(notes);
        stakeholders = List.copyOf(stakeholders);
        attachments = List.copyOf(attachments);
    }

    public static OpportunityContent notes(List<CopiedNote> notes) {
        return new OpportunityContent(notes, List.of(), List.of());
    }
}
