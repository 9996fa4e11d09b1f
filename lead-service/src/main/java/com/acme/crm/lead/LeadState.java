package com.acme.crm.lead;

/** Where a lead is in its life: open and editable, or closed and read-only until reactivated. */
public enum LeadState {
    OPEN, QUALIFIED, DISQUALIFIED
}
