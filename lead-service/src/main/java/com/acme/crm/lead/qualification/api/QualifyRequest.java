package com.acme.crm.lead.qualification.api;

import com.acme.crm.lead.api.Iso4217;

import java.util.UUID;

/** The body of {@code POST /api/leads/{id}/qualify} (SPEC §5); every member is optional. */
public record QualifyRequest(
        Boolean createAccount,
        Boolean createContact,
        Boolean createOpportunity,
        UUID existingAccountId,
        UUID existingContactId,
        @Iso4217 String opportunityCurrency,
        Boolean suppressDuplicateDetection) {

    public static final QualifyRequest EMPTY = new QualifyRequest(null, null, null, null, null, null, null);

    public boolean namesNoRecords() {
        return createAccount == null && createContact == null && createOpportunity == null;
    }
}
