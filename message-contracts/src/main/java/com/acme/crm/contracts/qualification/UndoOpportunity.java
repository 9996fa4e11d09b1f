package com.acme.crm.contracts.qualification;

import java.util.UUID;

/** Compensation to opportunity-service: remove the opportunity this attempt created, if any. */
public record UndoOpportunity(UUID qualificationId, UUID leadId) {
}
