package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.lead.Iso4217;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The body of {@code POST /api/leads/qualify-jobs} (SPEC §6). */
public record QualifyJobRequest(
        @NotEmpty @Size(max = BulkJobs.MAX_LEADS) List<@NotNull UUID> leadIds,
        @Iso4217 String opportunityCurrency,
        DuplicatePolicy duplicatePolicy) {
}
