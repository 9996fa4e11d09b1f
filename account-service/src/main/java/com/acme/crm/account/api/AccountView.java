package com.acme.crm.account.api;

import com.acme.crm.account.Account;

import java.time.Instant;
import java.util.UUID;

/** An account as the API and the public events show it. */
public record AccountView(
        UUID id, String name, String website, String industry, String phone,
        String street, String city, String stateOrProvince, String postalCode, String country,
        String ownerId, UUID originatingLeadId, Instant createdAt, String createdBy, Instant modifiedAt, long version) {

    public static AccountView of(Account a) {
        return new AccountView(a.id, a.name, a.website, a.industry, a.phone, a.street, a.city, a.stateOrProvince,
                a.postalCode, a.country, a.ownerId, a.originatingLeadId, a.createdAt, a.createdBy, a.modifiedAt, a.version);
    }
}
