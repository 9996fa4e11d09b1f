package com.acme.crm.contracts.qualification;

import java.util.UUID;

/**
 * Command to account-service: create or link the account and contact of one qualification attempt.
 * Null ids with a false create flag mean "no such record wanted".
 */
public record ResolveAccountAndContact(
        UUID qualificationId,
        UUID leadId,
        String ownerId,
        boolean createAccount,
        boolean createContact,
        UUID existingAccountId,
        UUID existingContactId,
        DuplicatePolicy duplicatePolicy,
        ProspectDetails prospect) {
}
