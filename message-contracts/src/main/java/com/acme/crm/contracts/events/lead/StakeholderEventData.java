package com.acme.crm.contracts.events.lead;

import java.time.Instant;
import java.util.UUID;

/**
 * A stakeholder of a lead (SPEC §10) as the data of {@code crm.lead.stakeholder-added.v1},
 * {@code .stakeholder-updated.v1} and {@code .stakeholder-removed.v1} (keyed by the lead id): the
 * contact by id only, its details are account-service's ({@code crm.contact.*} events). {@code role}
 * is STAKEHOLDER, DECISION_MAKER, TECHNICAL_BUYER, ECONOMIC_BUYER, INFLUENCER or END_USER. No field is null.
 */
public record StakeholderEventData(UUID id, UUID leadId, UUID contactId, String role, long version,
                                   Instant createdAt, String createdBy, Instant modifiedAt, String modifiedBy) {
}
