package com.acme.crm.contracts.events;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.events.account.AccountEventData;
import com.acme.crm.contracts.events.account.ContactEventData;
import com.acme.crm.contracts.events.lead.ActivityEventData;
import com.acme.crm.contracts.events.lead.AttachmentEventData;
import com.acme.crm.contracts.events.lead.LeadEventData;
import com.acme.crm.contracts.events.lead.StakeholderEventData;
import com.acme.crm.contracts.opportunity.OpportunitySummary;

import java.util.Map;

/**
 * Which record is the data of each public event (SPEC §7): the contract producers write and
 * consumers read, versioned by the {@code ce_type}'s suffix. docs/asyncapi.yaml documents each
 * payload as exactly its record (message-contracts' AsyncApiDocumentTest).
 */
public final class PublicEventData {

    public static final Map<String, Class<? extends Record>> BY_TYPE = Map.ofEntries(
            Map.entry(PublicEvents.LEAD_CREATED, LeadEventData.class),
            Map.entry(PublicEvents.LEAD_UPDATED, LeadEventData.class),
            Map.entry(PublicEvents.LEAD_DELETED, LeadEventData.class),
            Map.entry(PublicEvents.LEAD_DISQUALIFIED, LeadEventData.class),
            Map.entry(PublicEvents.LEAD_REACTIVATED, LeadEventData.class),
            Map.entry(PublicEvents.LEAD_QUALIFIED, LeadEventData.class),
            Map.entry(PublicEvents.LEAD_QUALIFICATION_FAILED, LeadEventData.class),
            Map.entry(PublicEvents.LEAD_ACTIVITY_CREATED, ActivityEventData.class),
            Map.entry(PublicEvents.LEAD_ACTIVITY_UPDATED, ActivityEventData.class),
            Map.entry(PublicEvents.LEAD_STAKEHOLDER_ADDED, StakeholderEventData.class),
            Map.entry(PublicEvents.LEAD_STAKEHOLDER_UPDATED, StakeholderEventData.class),
            Map.entry(PublicEvents.LEAD_STAKEHOLDER_REMOVED, StakeholderEventData.class),
            Map.entry(PublicEvents.LEAD_ATTACHMENT_ADDED, AttachmentEventData.class),
            Map.entry(PublicEvents.LEAD_ATTACHMENT_REMOVED, AttachmentEventData.class),
            Map.entry(PublicEvents.ACCOUNT_CREATED, AccountEventData.class),
            Map.entry(PublicEvents.ACCOUNT_UPDATED, AccountEventData.class),
            Map.entry(PublicEvents.ACCOUNT_DELETED, AccountEventData.class),
            Map.entry(PublicEvents.CONTACT_CREATED, ContactEventData.class),
            Map.entry(PublicEvents.CONTACT_UPDATED, ContactEventData.class),
            Map.entry(PublicEvents.CONTACT_DELETED, ContactEventData.class),
            Map.entry(PublicEvents.OPPORTUNITY_CREATED, OpportunitySummary.class),
            Map.entry(PublicEvents.OPPORTUNITY_DELETED, OpportunitySummary.class));

    private PublicEventData() {
    }
}
