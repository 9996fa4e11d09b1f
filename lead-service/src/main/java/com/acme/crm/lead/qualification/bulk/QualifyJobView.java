package com.acme.crm.lead.qualification.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A bulk job's progress: counts always, the first page of per-lead results unless the poller asked for counts only. */
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
        @Schema(nullable = true, description = "the first page of per-lead results, in the order the leads were given")
        List<LeadResult> results,
        @Schema(nullable = true, description = "the cursor of the next page at GET /api/leads/qualify-jobs/{jobId}/results")
        String resultsNextCursor) {

    /** What became of one lead of the job. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeadResult(UUID leadId, String status, @Schema(nullable = true) UUID qualificationId, @Schema(nullable = true) String detail) {
    }
}
