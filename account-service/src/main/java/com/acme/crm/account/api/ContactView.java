package com.acme.crm.account.api;

import com.acme.crm.account.Contact;

import java.time.Instant;
import java.util.UUID;

/** A contact as the API and the public events show it. */
public record ContactView(
        UUID id, String firstName, String lastName, String email, String jobTitle, String businessPhone,
        String mobilePhone, UUID accountId, String ownerId, UUID originatingLeadId, Instant createdAt,
        String createdBy, Instant modifiedAt, long version) {

    public static ContactView of(Contact c) {
        return new ContactView(c.id, c.firstName, c.lastName, c.email, c.jobTitle, c.businessPhone, c.mobilePhone,
                c.accountId, c.ownerId, c.originatingLeadId, c.createdAt, c.createdBy, c.modifiedAt, c.version);
    }
}
