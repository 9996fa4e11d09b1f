package com.acme.crm.lead.decisions;

import java.util.UUID;

/**
 * What the caller asked of a qualification (SPEC §5): which records to create or link, the
 * opportunity's currency and whether to skip the duplicate check. Every member is optional (null:
 * not said); {@link LeadDecisions#start} applies the defaults.
 */
public record QualifyChoices(
        Boolean createAccount,
        Boolean createContact,
        Boolean createOpportunity,
        UUID existingAccountId,
        UUID existingContactId,
        String opportunityCurrency,
        Boolean suppressDuplicateDetection) {

    public static final QualifyChoices NONE = new QualifyChoices(null, null, null, null, null, null, null);

    public boolean namesNoRecords() {
        return createAccount == null && createContact == null && createOpportunity == null;
    }
}
