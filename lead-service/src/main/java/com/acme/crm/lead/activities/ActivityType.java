package com.acme.crm.lead.activities;

/** What kind of activity (SPEC §10); calls and emails have a direction, appointments a start and an end. */
public enum ActivityType {
    PHONE_CALL, EMAIL, TASK, APPOINTMENT;

    public boolean hasDirection() {
        return this == PHONE_CALL || this == EMAIL;
    }
}
