package com.acme.crm.lead.qualification.api;

import com.acme.crm.lead.Iso4217;
import com.acme.crm.lead.decisions.QualifyChoices;

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

    /** The body, validated at the edge, as the decisions take it. */
    public QualifyChoices choices() {
        return new QualifyChoices(createAccount, createContact, createOpportunity, existingAccountId, existingContactId,
                opportunityCurrency, suppressDuplicateDetection);
    }
}
