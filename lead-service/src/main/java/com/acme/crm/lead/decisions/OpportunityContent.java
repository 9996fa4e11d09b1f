package com.acme.crm.lead.decisions;

import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.StakeholderRef;

import java.util.List;

/**
 * What of the lead goes with its opportunity: the notes (oldest first) and the stakeholders. Loaded
 * by the saga's I/O only when {@link LeadDecisions#needsOpportunityContent} says so.
 */
public record OpportunityContent(List<CopiedNote> notes, List<StakeholderRef> stakeholders) {

    public static final OpportunityContent NONE = new OpportunityContent(List.of(), List.of());

    public OpportunityContent {
        notes = List.copyOf(notes);
        stakeholders = List.copyOf(stakeholders);
    }

    public static OpportunityContent notes(List<CopiedNote> notes) {
        return new OpportunityContent(notes, List.of());
    }
}
