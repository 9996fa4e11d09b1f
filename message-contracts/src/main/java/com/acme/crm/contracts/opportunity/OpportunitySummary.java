package com.acme.crm.contracts.opportunity;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * An opportunity as its public events ({@code crm.opportunity.created.v1}, {@code .deleted.v1})
 * carry it: every field but the note texts, which could make an event as large as all of a
 * lead's notes; {@code noteCount} says how many there are (GET /api/opportunities/{id} shows them).
 * Its size is bounded by the lead's field limits.
 */
public record OpportunitySummary(
        UUID id, String name, @Schema(nullable = true) UUID accountId, @Schema(nullable = true) UUID contactId, @Schema(nullable = true) String currency, @Schema(nullable = true) BigDecimal estimatedValue,
        @Schema(nullable = true) String purchaseTimeframe, @Schema(nullable = true) String purchaseProcess, @Schema(nullable = true) Boolean decisionMaker, @Schema(nullable = true) String description,
        String stage, @Schema(nullable = true) UUID originatingLeadId, String ownerId, int noteCount,
        Instant createdAt, Instant modifiedAt, long version) {
}
