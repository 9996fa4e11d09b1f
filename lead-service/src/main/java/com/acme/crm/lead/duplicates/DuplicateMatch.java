package com.acme.crm.lead.duplicates;

import com.acme.crm.lead.Lead;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** An open lead that looks like the one being created, as the 409 lists it. */
public record DuplicateMatch(UUID id, String name, @Schema(nullable = true) String companyName, @Schema(nullable = true) String email, String ownerId) {

    static DuplicateMatch of(Lead lead) {
        return new DuplicateMatch(lead.id, lead.fullName(), lead.companyName, lead.email, lead.ownerId);
    }
}
