package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.StakeholderRef;

import java.util.List;

/** One opportunity with everything qualification copied from its lead: every note, the stakeholders and the files, in the lead's order. */
public record OpportunityDetail(Opportunity opportunity, List<CopiedNote> notes, List<StakeholderRef> stakeholders,
                                List<AttachmentRef> attachments) {
}
