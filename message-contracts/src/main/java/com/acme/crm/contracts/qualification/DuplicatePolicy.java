package com.acme.crm.contracts.qualification;

/** What account-service does when the account or contact to create already exists. */
public enum DuplicatePolicy {
    /** Stop and report the matches (the default). */
    REPORT,
    /** Use the matching records instead of creating new ones. */
    LINK_EXISTING,
    /** Create new records anyway (duplicate detection suppressed). */
    CREATE_NEW
}
