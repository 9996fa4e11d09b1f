package com.acme.crm.account.api;

import com.acme.crm.account.Contact;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A contact as the API shows it (its events carry message-contracts' ContactEventData). */
public record ContactView(
        UUID id, @Schema(nullable = true) String firstName, String lastName, @Schema(nullable = true) String email, @Schema(nullable = true) String jobTitle, @Schema(nullable = true) String businessPhone,
        @Schema(nullable = true) String mobilePhone, @Schema(nullable = true) UUID accountId, String ownerId, @Schema(nullable = true) UUID originatingLeadId, Instant createdAt,
        String createdBy, Instant modifiedAt, long version) {

    public static ContactView of(Contact c) {
        return new ContactView(c.id, c.firstName, c.lastName, c.email, c.jobTitle, c.businessPhone, c.mobilePhone,
                c.accountId, c.ownerId, c.originatingLeadId, c.createdAt, c.createdBy, c.modifiedAt, c.version);
    }
}
