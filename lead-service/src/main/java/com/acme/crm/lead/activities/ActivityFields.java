package com.acme.crm.lead.activities;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * What a client may set on an activity: the body of a create, and the result of applying a merge
 * patch to the stored activity (so one set of checks covers both). The rules between fields are
 * in {@link ActivityRules}.
 */
public record ActivityFields(
        @NotNull ActivityType type,
        @NotBlank @Size(max = 200) String subject,
        @Schema(nullable = true) @Size(max = 10_000) String description,
        @Schema(nullable = true) Instant dueAt,
        @Schema(nullable = true, description = "Required for an appointment") Instant startAt,
        @Schema(nullable = true, description = "Required for an appointment, after startAt") Instant endAt,
        @Schema(nullable = true, description = "Calls and emails only") Direction direction,
        @Schema(nullable = true, description = "Defaults to the caller") @Size(min = 1, max = 100) String ownerId) {
}
