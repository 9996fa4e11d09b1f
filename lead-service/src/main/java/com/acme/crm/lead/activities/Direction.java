package com.acme.crm.lead.activities;

/** Whether a call or an email came in or went out. */
public enum Direction {
    INCOMING, OUTGOING
}
