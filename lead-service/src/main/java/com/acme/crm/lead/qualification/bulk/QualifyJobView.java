package com.acme.crm.lead.qualification.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A bulk job's progress: counts always, per-lead results unless the poller asked for counts only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualifyJobView(
        UUID id,
        String status,
        int total,
        int completed,
        int failed,
        int duplicates,
        int inProgress,
        int pending,
        @Schema(nullable = true) String opportunityCurrency,
        @Schema(nullable = true) String duplicatePolicy,
        Instant createdAt,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(nullable = true) List<LeadResult> results) {

    /** What became of one lead of the job. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeadResult(UUID leadId, String status, @Schema(nullable = true) UUID qualificationId, @Schema(nullable = true) String detail) {
    }
}
