package com.acme.crm.lead.activities;

/** An activity is worked on while OPEN; COMPLETED and CANCELED are final. */
public enum ActivityState {
    OPEN, COMPLETED, CANCELED
}
