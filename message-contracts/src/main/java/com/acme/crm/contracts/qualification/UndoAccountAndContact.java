package com.acme.crm.contracts.qualification;

import java.util.UUID;

/** Compensation to account-service: remove whatever this attempt created (linked records stay). */
public record UndoAccountAndContact(UUID qualificationId, UUID leadId) {
}
