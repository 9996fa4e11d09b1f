package com.acme.crm.lead.qualification.api;

import com.acme.crm.lead.qualification.Qualification;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.acme.crm.lead.qualification.QualificationStatus;
import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A qualification attempt as the API shows it (SPEC §5). */
public record QualificationView(
        UUID id,
        UUID leadId,
        QualificationStatus status,
        @Schema(nullable = true) ResolvedRequest request,
        @Schema(nullable = true) UUID accountId,
        @Schema(nullable = true) UUID contactId,
        @Schema(nullable = true) UUID opportunityId,
        @Schema(nullable = true) Duplicates duplicates,
        @Schema(nullable = true) String failureReason,
        Instant startedAt,
        @Schema(nullable = true) Instant finishedAt) {

    /** The request as the attempt runs it: defaults applied, the lead's linked records filled in. */
    public record ResolvedRequest(boolean createAccount, boolean createContact, boolean createOpportunity,
                                  @Schema(nullable = true) UUID existingAccountId, @Schema(nullable = true) UUID existingContactId, @Schema(nullable = true) String opportunityCurrency,
                                  @Schema(nullable = true) String duplicatePolicy) {
    }

    /** The existing records a DUPLICATES_FOUND attempt matched (empty lists otherwise). */
    public record Duplicates(List<DuplicateMatch> accounts, List<DuplicateMatch> contacts) {
        static final Duplicates NONE = new Duplicates(List.of(), List.of());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static QualificationView of(Qualification q) {
        return new QualificationView(q.id, q.leadId, q.status,
                new ResolvedRequest(q.createAccount, q.createContact, q.createOpportunity, q.existingAccountId,
                        q.existingContactId, q.opportunityCurrency, q.duplicatePolicy.name()),
                q.accountId, q.contactId, q.opportunityId,
                duplicates(q.duplicates),
                q.failureReason, q.startedAt, q.finishedAt);
    }

    private static Duplicates duplicates(String stored) {
        try {
            return stored == null ? Duplicates.NONE : JSON.readValue(stored, Duplicates.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored duplicates are not the expected JSON", e);
        }
    }
}
