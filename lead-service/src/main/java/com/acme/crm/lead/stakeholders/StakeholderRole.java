package com.acme.crm.lead.stakeholders;

/** A stakeholder's part in the decision (SPEC §10). */
public enum StakeholderRole {
    STAKEHOLDER, DECISION_MAKER, TECHNICAL_BUYER, ECONOMIC_BUYER, INFLUENCER, END_USER
}
