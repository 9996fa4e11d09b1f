package com.acme.crm.lead.stakeholders;

import java.time.Instant;
import java.util.UUID;

/** A stakeholder as the public events carry it: the contact by id only (its details are account-service's). */
public record StakeholderEntry(UUID id, UUID leadId, UUID contactId, StakeholderRole role, long version,
                               Instant createdAt, String createdBy, Instant modifiedAt, String modifiedBy) {

    static StakeholderEntry of(Stakeholder s) {
        return new StakeholderEntry(s.id, s.leadId, s.contactId, s.role, s.version, s.createdAt, s.createdBy,
                s.modifiedAt, s.modifiedBy);
    }
}
