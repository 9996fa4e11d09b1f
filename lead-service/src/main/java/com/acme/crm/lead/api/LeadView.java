package com.acme.crm.lead.api;

import com.acme.crm.lead.AddressFields;
import com.acme.crm.lead.Lead;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.acme.crm.lead.LeadEnums;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.qualification.api.QualificationView;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A lead as the API shows it: every SPEC §3 field (its events carry message-contracts' LeadEventData). */
public record LeadView(
        UUID id,
        String topic,
        @Schema(nullable = true) String firstName,
        String lastName,
        @Schema(nullable = true) String jobTitle,
        @Schema(nullable = true) String companyName,
        @Schema(nullable = true) String email,
        @Schema(nullable = true) String businessPhone,
        @Schema(nullable = true) String mobilePhone,
        @Schema(nullable = true) String website,
        @Schema(nullable = true) AddressFields address,
        @Schema(nullable = true) String industry,
        @Schema(nullable = true) LeadEnums.ContactMethod preferredContactMethod,
        @Schema(nullable = true) LeadEnums.LeadSource leadSource,
        @Schema(nullable = true) BigDecimal budgetAmount,
        @Schema(nullable = true) String currency,
        @Schema(nullable = true) LeadEnums.PurchaseTimeframe purchaseTimeframe,
        @Schema(nullable = true) LeadEnums.PurchaseProcess purchaseProcess,
        @Schema(nullable = true) Boolean decisionMaker,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) UUID existingAccountId,
        @Schema(nullable = true) UUID existingContactId,
        @Schema(nullable = true) String sourceCampaignId,
        String ownerId,
        LeadState state,
        StatusReason statusReason,
        @Schema(nullable = true,
                description = "The status reason's label; for an organisation's own disqualification reason its current label (SPEC §10)")
        String statusReasonLabel,
        long version,
        Instant createdAt,
        String createdBy,
        Instant modifiedAt,
        String modifiedBy,
        @Schema(nullable = true) Instant closedAt,
        boolean qualificationInProgress,
        @Schema(nullable = true) UUID accountId,
        @Schema(nullable = true) UUID contactId,
        @Schema(nullable = true) UUID opportunityId,
        @Schema(nullable = true) QualificationView qualification) {

    public static LeadView of(Lead lead) {
        return new LeadView(lead.id, lead.topic, lead.firstName, lead.lastName, lead.jobTitle, lead.companyName,
                lead.email, lead.businessPhone, lead.mobilePhone, lead.website, AddressFields.of(lead.address),
                lead.industry, lead.preferredContactMethod, lead.leadSource, lead.storedBudgetAmount(), lead.currency,
                lead.purchaseTimeframe, lead.purchaseProcess, lead.decisionMaker, lead.description,
                lead.existingAccountId, lead.existingContactId, lead.sourceCampaignId, lead.ownerId,
                lead.state, lead.statusReason, lead.statusReasonLabel(), lead.version, lead.createdAt, lead.createdBy, lead.modifiedAt,
                lead.modifiedBy, lead.closedAt, lead.qualificationInProgress, lead.accountId, lead.contactId,
                lead.opportunityId,
                lead.latestQualification == null ? null : QualificationView.of(lead.latestQualification));
    }

    /** The {@code ETag} of this version of the lead. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
