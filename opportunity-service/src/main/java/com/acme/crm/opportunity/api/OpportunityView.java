package com.acme.crm.opportunity.api;

import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.StakeholderRef;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.acme.crm.opportunity.Opportunity;
import com.acme.crm.opportunity.OpportunityDetail;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An opportunity as GET /api/opportunities/{id} shows it, with every note, the stakeholders and the files' links copied from the lead. */
public record OpportunityView(
        UUID id, String name, @Schema(nullable = true) UUID accountId, @Schema(nullable = true) UUID contactId, @Schema(nullable = true) String currency, @Schema(nullable = true) BigDecimal estimatedValue,
        @Schema(nullable = true) String purchaseTimeframe, @Schema(nullable = true) String purchaseProcess, @Schema(nullable = true) Boolean decisionMaker, @Schema(nullable = true) String description,
        Opportunity.Stage stage, @Schema(nullable = true) UUID originatingLeadId, String ownerId, List<CopiedNote> notes,
        @Schema(description = "The lead's stakeholders (contact and role) when it was qualified (SPEC §10)") List<StakeholderRef> stakeholders,
        @Schema(description = "The lead's files when it was qualified, oldest first, each with the link to download it from the lead (SPEC §10)")
        List<AttachmentLink> attachments,
        Instant createdAt, Instant modifiedAt, long version) {

    public static OpportunityView of(OpportunityDetail detail) {
        Opportunity o = detail.opportunity();
        return new OpportunityView(o.id, o.name, o.accountId, o.contactId, o.currency, o.estimatedValue,
                o.purchaseTimeframe, o.purchaseProcess, o.decisionMaker, o.description, o.stage,
                o.originatingLeadId, o.ownerId, detail.notes(), detail.stakeholders(),
                detail.attachments().stream().map(a -> AttachmentLink.of(o.originatingLeadId, a)).toList(),
                o.createdAt, o.modifiedAt, o.version);
    }
}
