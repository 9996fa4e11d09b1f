package com.acme.crm.contracts.events.account;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact as the data of {@code crm.contact.created.v1}, {@code .updated.v1} and {@code .deleted.v1}
 * (the contact as it was last), on {@code crm.account.events}, keyed by the contact id. Nullable:
 * the fields marked so. lead-service keeps its copy of the contacts from these events.
 */
public record ContactEventData(
        UUID id, @Schema(nullable = true) String firstName, String lastName, @Schema(nullable = true) String email,
        @Schema(nullable = true) String jobTitle, @Schema(nullable = true) String businessPhone,
        @Schema(nullable = true) String mobilePhone, @Schema(nullable = true) UUID accountId, String ownerId,
        @Schema(nullable = true) UUID originatingLeadId, Instant createdAt, String createdBy, Instant modifiedAt,
        long version) {
}
