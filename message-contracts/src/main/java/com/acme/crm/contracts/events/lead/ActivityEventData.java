package com.acme.crm.contracts.events.lead;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * An activity of a lead (SPEC §10) as the data of {@code crm.lead.activity-created.v1} and
 * {@code crm.lead.activity-updated.v1} (keyed by the lead id). {@code type} is PHONE_CALL, EMAIL,
 * TASK or APPOINTMENT; {@code state} OPEN, COMPLETED or CANCELED; {@code direction} INCOMING or
 * OUTGOING, for calls and emails only. Nullable: the fields marked so.
 */
public record ActivityEventData(
        UUID id,
        UUID leadId,
        String type,
        String subject,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) Instant dueAt,
        @Schema(nullable = true) Instant startAt,
        @Schema(nullable = true) Instant endAt,
        @Schema(nullable = true) String direction,
        String ownerId,
        String state,
        @Schema(nullable = true) String outcome,
        long version,
        Instant createdAt,
        String createdBy,
        Instant modifiedAt,
        String modifiedBy,
        @Schema(nullable = true) Instant closedAt) {
}
