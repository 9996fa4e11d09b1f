package com.acme.crm.contracts.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An opportunity as its public events ({@code crm.opportunity.created.v1}, {@code .deleted.v1})
 * carry it: every field but the note texts, which could make an event as large as all of a
 * lead's notes; {@code noteCount} says how many there are (GET /api/opportunities/{id} shows them).
 * Its size is bounded by the lead's field limits.
 */
public record OpportunitySummary(
        UUID id, String name, UUID accountId, UUID contactId, String currency, BigDecimal estimatedValue,
        String purchaseTimeframe, String purchaseProcess, Boolean decisionMaker, String description,
        String stage, UUID originatingLeadId, String ownerId, int noteCount,
        Instant createdAt, Instant modifiedAt, long version) {
}
