package com.acme.crm.lead.stakeholders;

import com.acme.crm.lead.contacts.ContactCopy;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A stakeholder as the API shows it: with the contact's current name, email and job title (SPEC §10). */
public record StakeholderView(
        UUID id,
        UUID leadId,
        UUID contactId,
        StakeholderRole role,
        @Schema(nullable = true) String firstName,
        @Schema(nullable = true) String lastName,
        @Schema(nullable = true) String email,
        @Schema(nullable = true) String jobTitle,
        @Schema(description = "The contact was deleted in account-service; the name is the last one known") boolean contactDeleted,
        long version,
        Instant createdAt,
        String createdBy,
        Instant modifiedAt,
        String modifiedBy) {

    static StakeholderView of(Stakeholder s, ContactCopy contact) {
        return new StakeholderView(s.id, s.leadId, s.contactId, s.role,
                contact == null ? null : contact.firstName, contact == null ? null : contact.lastName,
                contact == null ? null : contact.email, contact == null ? null : contact.jobTitle,
                contact != null && contact.deleted, s.version, s.createdAt, s.createdBy, s.modifiedAt, s.modifiedBy);
    }
}
