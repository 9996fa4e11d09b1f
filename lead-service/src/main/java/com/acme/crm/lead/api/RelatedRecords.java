package com.acme.crm.lead.api;

import com.acme.crm.lead.Lead;

import java.util.UUID;

/** The records an earlier qualification created or linked for the lead. */
public record RelatedRecords(UUID accountId, UUID contactId, UUID opportunityId) {

    public static RelatedRecords of(Lead lead) {
        return new RelatedRecords(lead.accountId, lead.contactId, lead.opportunityId);
    }
}
