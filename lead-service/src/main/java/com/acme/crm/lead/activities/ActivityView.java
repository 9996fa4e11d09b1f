package com.acme.crm.lead.activities;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An activity as the API shows it (its events carry message-contracts' ActivityEventData). */
public record ActivityView(
        UUID id,
        UUID leadId,
        ActivityType type,
        String subject,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) Instant dueAt,
        @Schema(nullable = true) Instant startAt,
        @Schema(nullable = true) Instant endAt,
        @Schema(nullable = true) Direction direction,
        String ownerId,
        ActivityState state,
        @Schema(nullable = true) String outcome,
        long version,
        Instant createdAt,
        String createdBy,
        Instant modifiedAt,
        String modifiedBy,
        @Schema(nullable = true, description = "When it was completed or canceled") Instant closedAt) {

    public static ActivityView of(Activity a) {
        return new ActivityView(a.id, a.leadId, a.type, a.subject, a.description, a.dueAt, a.startAt, a.endAt, a.direction,
                a.ownerId, a.state, a.outcome, a.version, a.createdAt, a.createdBy, a.modifiedAt, a.modifiedBy, a.closedAt);
    }
}
