package com.acme.crm.lead;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Every field of a lead a client may write (SPEC §3): the body of a create, and the result of
 * applying a merge patch to a lead. System fields are absent on purpose; {@link LeadBodyReader}
 * rejects them by name.
 */
public record LeadFields(
        @NotBlank @Size(max = 200) String topic,
        @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @Size(max = 100) String jobTitle,
        @Size(max = 200) String companyName,
        @Email @Size(max = 254) String email,
        @Size(max = 50) String businessPhone,
        @Size(max = 50) String mobilePhone,
        @Size(max = 500) String website,
        @Valid AddressFields address,
        @Size(max = 100) String industry,
        LeadEnums.ContactMethod preferredContactMethod,
        LeadEnums.LeadSource leadSource,
        @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal budgetAmount,
        @Iso4217 String currency,
        LeadEnums.PurchaseTimeframe purchaseTimeframe,
        LeadEnums.PurchaseProcess purchaseProcess,
        Boolean decisionMaker,
        @Size(max = 10_000) String description,
        UUID existingAccountId,
        UUID existingContactId,
        @Size(max = 100) String sourceCampaignId,
        @Size(max = 100) @Pattern(regexp = "\\S+", message = "must be a user id without spaces") String ownerId) {

    public static LeadFields of(Lead lead) {
        return new LeadFields(lead.topic, lead.firstName, lead.lastName, lead.jobTitle, lead.companyName, lead.email,
                lead.businessPhone, lead.mobilePhone, lead.website, AddressFields.of(lead.address), lead.industry,
                lead.preferredContactMethod, lead.leadSource, lead.budgetAmount, lead.currency,
                lead.purchaseTimeframe, lead.purchaseProcess, lead.decisionMaker, lead.description,
                lead.existingAccountId, lead.existingContactId, lead.sourceCampaignId, lead.ownerId);
    }

    /** Copies every field onto the lead; the owner only when one is given (a create defaults it to the caller first). */
    public void applyTo(Lead lead) {
        lead.topic = topic;
        lead.firstName = firstName;
        lead.lastName = lastName;
        lead.jobTitle = jobTitle;
        lead.companyName = companyName;
        lead.email = email;
        lead.businessPhone = businessPhone;
        lead.mobilePhone = mobilePhone;
        lead.website = website;
        lead.address = address == null ? null : address.toAddress();
        lead.industry = industry;
        lead.preferredContactMethod = preferredContactMethod;
        lead.leadSource = leadSource;
        lead.budgetAmount = budgetAmount;
        lead.currency = currency;
        lead.purchaseTimeframe = purchaseTimeframe;
        lead.purchaseProcess = purchaseProcess;
        lead.decisionMaker = decisionMaker;
        lead.description = description;
        lead.existingAccountId = existingAccountId;
        lead.existingContactId = existingContactId;
        lead.sourceCampaignId = sourceCampaignId;
        if (ownerId != null) {
            lead.ownerId = ownerId;
        }
    }
}
