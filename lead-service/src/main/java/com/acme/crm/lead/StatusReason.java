package com.acme.crm.lead;

import java.util.Set;

/** Why a lead is in its state; each state allows only some reasons (SPEC §3). */
public enum StatusReason {
    NEW, CONTACTED,
    QUALIFIED,
    LOST, CANNOT_CONTACT, NO_LONGER_INTERESTED, CANCELED;

    public static final Set<StatusReason> OPEN_REASONS = Set.of(NEW, CONTACTED);
    public static final Set<StatusReason> DISQUALIFY_REASONS = Set.of(LOST, CANNOT_CONTACT, NO_LONGER_INTERESTED, CANCELED);

    public LeadState state() {
        if (OPEN_REASONS.contains(this)) {
            return LeadState.OPEN;
        }
        return this == QUALIFIED ? LeadState.QUALIFIED : LeadState.DISQUALIFIED;
    }
}
