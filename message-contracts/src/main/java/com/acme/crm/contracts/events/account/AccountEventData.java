package com.acme.crm.contracts.events.account;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * An account as the data of {@code crm.account.created.v1}, {@code .updated.v1} and {@code .deleted.v1}
 * (the account as it was last), keyed by the account id. Nullable: the fields marked so;
 * {@code originatingLeadId} names the lead whose qualification made it.
 */
public record AccountEventData(
        UUID id, String name, @Schema(nullable = true) String website, @Schema(nullable = true) String industry,
        @Schema(nullable = true) String phone, @Schema(nullable = true) String street, @Schema(nullable = true) String city,
        @Schema(nullable = true) String stateOrProvince, @Schema(nullable = true) String postalCode,
        @Schema(nullable = true) String country, String ownerId, @Schema(nullable = true) UUID originatingLeadId,
        Instant createdAt, String createdBy, Instant modifiedAt, long version) {
}
