package com.acme.crm.lead.events;

import com.acme.crm.contracts.events.lead.LeadEventData;
import com.acme.crm.lead.Address;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.qualification.Qualification;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/** Maps the lead to its public event contract, at the edge where it is published (SPEC §7). */
public final class LeadEventDataOf {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LeadEventData.Duplicates NO_DUPLICATES = new LeadEventData.Duplicates(List.of(), List.of());

    private LeadEventDataOf() {
    }

    public static LeadEventData of(Lead lead) {
        return of(lead, lead.version);
    }

    /** With {@code version} for the lead's, e.g. the one its row will have once the pending change is flushed. */
    public static LeadEventData of(Lead lead, long version) {
        return new LeadEventData(lead.id, lead.topic, lead.firstName, lead.lastName, lead.jobTitle, lead.companyName,
                lead.email, lead.businessPhone, lead.mobilePhone, lead.website, address(lead.address),
                lead.industry, name(lead.preferredContactMethod), name(lead.leadSource), lead.storedBudgetAmount(),
                lead.currency, name(lead.purchaseTimeframe), name(lead.purchaseProcess), lead.decisionMaker,
                lead.description, lead.existingAccountId, lead.existingContactId, lead.sourceCampaignId, lead.ownerId,
                lead.state.name(), lead.statusReason == null ? null : lead.statusReason.code(), lead.statusReasonLabel(), version, lead.createdAt,
                lead.createdBy, lead.modifiedAt, lead.modifiedBy, lead.closedAt, lead.qualificationInProgress,
                lead.accountId, lead.contactId, lead.opportunityId, qualification(lead.latestQualification));
    }

    private static LeadEventData.Address address(Address a) {
        return a == null ? null : new LeadEventData.Address(a.street, a.city, a.stateOrProvince, a.postalCode, a.country);
    }

    private static LeadEventData.Qualification qualification(Qualification q) {
        if (q == null) {
            return null;
        }
        return new LeadEventData.Qualification(q.id, q.leadId, q.status.name(),
                new LeadEventData.Request(q.createAccount, q.createContact, q.createOpportunity, q.existingAccountId,
                        q.existingContactId, q.opportunityCurrency, q.duplicatePolicy.name()),
                q.accountId, q.contactId, q.opportunityId, duplicates(q.duplicates), q.failureReason, q.startedAt,
                q.finishedAt);
    }

    private static LeadEventData.Duplicates duplicates(String stored) {
        try {
            return stored == null ? NO_DUPLICATES : JSON.readValue(stored, LeadEventData.Duplicates.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored duplicates are not the expected JSON", e);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
