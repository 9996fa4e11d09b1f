package com.acme.crm.lead.api;

import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadEnums;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.qualification.api.QualificationView;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A lead as the API and the public events show it: every SPEC §3 field. */
public record LeadView(
        UUID id,
        String topic,
        String firstName,
        String lastName,
        String jobTitle,
        String companyName,
        String email,
        String businessPhone,
        String mobilePhone,
        String website,
        AddressFields address,
        String industry,
        LeadEnums.ContactMethod preferredContactMethod,
        LeadEnums.LeadSource leadSource,
        BigDecimal budgetAmount,
        String currency,
        LeadEnums.PurchaseTimeframe purchaseTimeframe,
        LeadEnums.PurchaseProcess purchaseProcess,
        Boolean decisionMaker,
        String description,
        UUID existingAccountId,
        UUID existingContactId,
        String sourceCampaignId,
        String ownerId,
        LeadState state,
        StatusReason statusReason,
        @Schema(description = "The status reason's label; for an organisation's own disqualification reason its current label (SPEC §10)")
        String statusReasonLabel,
        long version,
        Instant createdAt,
        String createdBy,
        Instant modifiedAt,
        String modifiedBy,
        Instant closedAt,
        boolean qualificationInProgress,
        UUID accountId,
        UUID contactId,
        UUID opportunityId,
        QualificationView qualification) {

    public static LeadView of(Lead lead) {
        return new LeadView(lead.id, lead.topic, lead.firstName, lead.lastName, lead.jobTitle, lead.companyName,
                lead.email, lead.businessPhone, lead.mobilePhone, lead.website, AddressFields.of(lead.address),
                lead.industry, lead.preferredContactMethod, lead.leadSource, lead.budgetAmount, lead.currency,
                lead.purchaseTimeframe, lead.purchaseProcess, lead.decisionMaker, lead.description,
                lead.existingAccountId, lead.existingContactId, lead.sourceCampaignId, lead.ownerId,
                lead.state, lead.statusReason, label(lead), lead.version, lead.createdAt, lead.createdBy, lead.modifiedAt,
                lead.modifiedBy, lead.closedAt, lead.qualificationInProgress, lead.accountId, lead.contactId,
                lead.opportunityId,
                lead.latestQualification == null ? null : QualificationView.of(lead.latestQualification));
    }

    private static String label(Lead lead) {
        if (lead.statusReason == null) {
            return null;
        }
        return lead.statusReason.label() != null ? lead.statusReason.label() : lead.customReasonLabel;
    }

    /** The {@code ETag} of this version of the lead. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
