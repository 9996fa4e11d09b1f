package com.acme.crm.lead.api;

import com.acme.crm.lead.Lead;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The records an earlier qualification created or linked for the lead. */
public record RelatedRecords(@Schema(nullable = true) UUID accountId, @Schema(nullable = true) UUID contactId, @Schema(nullable = true) UUID opportunityId) {

    public static RelatedRecords of(Lead lead) {
        return new RelatedRecords(lead.accountId, lead.contactId, lead.opportunityId);
    }
}
