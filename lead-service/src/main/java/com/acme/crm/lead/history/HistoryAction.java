package com.acme.crm.lead.history;

/** What happened to a lead, as its history shows it (SPEC §4). */
public enum HistoryAction {
    CREATED,
    UPDATED,
    NOTE_ADDED,
    QUALIFICATION_REQUESTED,
    DUPLICATES_FOUND,
    QUALIFIED,
    QUALIFICATION_FAILED,
    DISQUALIFIED,
    REACTIVATED,
    // the timeline's items (SPEC §10)
    ACTIVITY_CREATED,
    ACTIVITY_UPDATED,
    ACTIVITY_COMPLETED,
    ACTIVITY_CANCELED,
    ATTACHMENT_ADDED,
    ATTACHMENT_REMOVED,
    STAKEHOLDER_ADDED,
    STAKEHOLDER_CHANGED,
    STAKEHOLDER_REMOVED
}
