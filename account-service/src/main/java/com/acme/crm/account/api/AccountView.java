package com.acme.crm.account.api;

import com.acme.crm.account.Account;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An account as the API shows it (its events carry message-contracts' AccountEventData). */
public record AccountView(
        UUID id, String name, @Schema(nullable = true) String website, @Schema(nullable = true) String industry, @Schema(nullable = true) String phone,
        @Schema(nullable = true) String street, @Schema(nullable = true) String city, @Schema(nullable = true) String stateOrProvince, @Schema(nullable = true) String postalCode, @Schema(nullable = true) String country,
        String ownerId, @Schema(nullable = true) UUID originatingLeadId, Instant createdAt, String createdBy, Instant modifiedAt, long version) {

    public static AccountView of(Account a) {
        return new AccountView(a.id, a.name, a.website, a.industry, a.phone, a.street, a.city, a.stateOrProvince,
                a.postalCode, a.country, a.ownerId, a.originatingLeadId, a.createdAt, a.createdBy, a.modifiedAt, a.version);
    }
}
