package com.acme.crm.contracts;

/** The {@code ce_type} names of the public events other systems consume (SPEC §7). */
public final class PublicEvents {

    public static final String LEAD_CREATED = "crm.lead.created.v1";
    public static final String LEAD_UPDATED = "crm.lead.updated.v1";
    public static final String LEAD_DELETED = "crm.lead.deleted.v1";
    public static final String LEAD_DISQUALIFIED = "crm.lead.disqualified.v1";
    public static final String LEAD_REACTIVATED = "crm.lead.reactivated.v1";
    public static final String LEAD_QUALIFIED = "crm.lead.qualified.v1";
    public static final String LEAD_QUALIFICATION_FAILED = "crm.lead.qualification-failed.v1";
    // the lead's timeline items (SPEC §10), keyed by the lead id
    public static final String LEAD_ACTIVITY_CREATED = "crm.lead.activity-created.v1";
    public static final String LEAD_ACTIVITY_UPDATED = "crm.lead.activity-updated.v1";
    public static final String LEAD_STAKEHOLDER_ADDED = "crm.lead.stakeholder-added.v1";
    public static final String LEAD_STAKEHOLDER_UPDATED = "crm.lead.stakeholder-updated.v1";
    public static final String LEAD_STAKEHOLDER_REMOVED = "crm.lead.stakeholder-removed.v1";
    public static final String LEAD_ATTACHMENT_ADDED = "crm.lead.attachment-added.v1";
    public static final String LEAD_ATTACHMENT_REMOVED = "crm.lead.attachment-removed.v1";

    public static final String ACCOUNT_CREATED = "crm.account.created.v1";
    public static final String ACCOUNT_UPDATED = "crm.account.updated.v1";
    public static final String ACCOUNT_DELETED = "crm.account.deleted.v1";
    public static final String CONTACT_CREATED = "crm.contact.created.v1";
    public static final String CONTACT_UPDATED = "crm.contact.updated.v1";
    public static final String CONTACT_DELETED = "crm.contact.deleted.v1";
    public static final String OPPORTUNITY_CREATED = "crm.opportunity.created.v1";
    public static final String OPPORTUNITY_DELETED = "crm.opportunity.deleted.v1";

    private PublicEvents() {
    }
}
