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
    REACTIVATED
}
