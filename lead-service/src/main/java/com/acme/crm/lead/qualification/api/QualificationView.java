package com.acme.crm.lead.qualification.api;

import com.acme.crm.lead.qualification.Qualification;
import com.acme.crm.lead.qualification.QualificationStatus;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.UUID;

/** A qualification attempt as the API shows it (SPEC §5). */
public record QualificationView(
        UUID id,
        UUID leadId,
        QualificationStatus status,
        ResolvedRequest request,
        UUID accountId,
        UUID contactId,
        UUID opportunityId,
        @JsonRawValue String duplicates,
        String failureReason,
        Instant startedAt,
        Instant finishedAt) {

    /** The request as the attempt runs it: defaults applied, the lead's linked records filled in. */
    public record ResolvedRequest(boolean createAccount, boolean createContact, boolean createOpportunity,
                                  UUID existingAccountId, UUID existingContactId, String opportunityCurrency,
                                  String duplicatePolicy) {
    }

    public static QualificationView of(Qualification q) {
        return new QualificationView(q.id, q.leadId, q.status,
                new ResolvedRequest(q.createAccount, q.createContact, q.createOpportunity, q.existingAccountId,
                        q.existingContactId, q.opportunityCurrency, q.duplicatePolicy.name()),
                q.accountId, q.contactId, q.opportunityId,
                q.duplicates == null ? "{\"accounts\":[],\"contacts\":[]}" : q.duplicates,
                q.failureReason, q.startedAt, q.finishedAt);
    }
}
