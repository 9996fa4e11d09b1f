package com.acme.crm.lead.api;

import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;

import java.time.Instant;
import java.util.UUID;

/** A lead as the API shows it. */
public record LeadView(
        UUID id,
        String topic,
        String firstName,
        String lastName,
        String companyName,
        String email,
        String ownerId,
        LeadState state,
        StatusReason statusReason,
        long version,
        Instant createdAt,
        String createdBy,
        Instant modifiedAt,
        String modifiedBy,
        Instant closedAt,
        UUID accountId,
        UUID contactId,
        UUID opportunityId) {

    public static LeadView of(Lead lead) {
        return new LeadView(lead.id, lead.topic, lead.firstName, lead.lastName, lead.companyName, lead.email,
                lead.ownerId, lead.state, lead.statusReason, lead.version, lead.createdAt, lead.createdBy,
                lead.modifiedAt, lead.modifiedBy, lead.closedAt, lead.accountId, lead.contactId, lead.opportunityId);
    }
}
