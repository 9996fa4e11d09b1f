package com.acme.crm.lead.decisions;

import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.lead.Address;
import com.acme.crm.lead.Lead;

import java.math.BigDecimal;
import java.util.UUID;

/** What the decisions know about a lead: its status and the values a qualification hands on. */
public record LeadFacts(UUID id, String ownerId, long version, LeadStatus status,
                        UUID existingAccountId, UUID existingContactId, String currency,
                        ProspectDetails prospect, ForOpportunity forOpportunity) {

    /** The lead's values an opportunity is made from. */
    public record ForOpportunity(String topic, BigDecimal budgetAmount, String purchaseTimeframe, String purchaseProcess,
                                 Boolean decisionMaker, String description) {
    }

    /**
     * The lead as a later input of the same transaction sees it once {@code decision} is carried out (a lead that
     * two starts of one bulk window name: the second sees the first's attempt running). A decision that changes
     * the lead's status makes one update, so the version steps by one.
     */
    public LeadFacts after(Decision decision) {
        if (decision.lead() == null || decision.lead().equals(status)) {
            return this;
        }
        return new LeadFacts(id, ownerId, version + 1, decision.lead(), existingAccountId, existingContactId, currency,
                prospect, forOpportunity);
    }

    public static LeadFacts of(Lead lead) {
        Address a = lead.address;
        ProspectDetails prospect = new ProspectDetails(lead.companyName, lead.website, lead.industry, lead.firstName,
                lead.lastName, lead.jobTitle, lead.email, lead.businessPhone, lead.mobilePhone,
                a == null ? null : a.street, a == null ? null : a.city, a == null ? null : a.stateOrProvince,
                a == null ? null : a.postalCode, a == null ? null : a.country);
        ForOpportunity forOpportunity = new ForOpportunity(lead.topic, lead.budgetAmount,
                lead.purchaseTimeframe == null ? null : lead.purchaseTimeframe.name(),
                lead.purchaseProcess == null ? null : lead.purchaseProcess.name(),
                lead.decisionMaker, lead.description);
        return new LeadFacts(lead.id, lead.ownerId, lead.version, LeadStatus.of(lead), lead.existingAccountId,
                lead.existingContactId, lead.currency, prospect, forOpportunity);
    }
}
