package com.acme.crm.lead.contacts;

import java.time.Instant;
import java.util.UUID;

/** A row of lead-service's copy of the contacts, as the contact events' rule reads and writes it. */
record CopiedContact(UUID id, String firstName, String lastName, String email, String jobTitle, long sourceVersion,
                     boolean deleted, Instant updatedAt) {

    /** The same copy, written at {@code time}. */
    CopiedContact at(Instant time) {
        return new CopiedContact(id, firstName, lastName, email, jobTitle, sourceVersion, deleted, time);
    }
}
