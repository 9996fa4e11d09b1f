package com.acme.crm.lead.stakeholders;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** A contact to add to a lead's stakeholders; the role defaults to STAKEHOLDER. */
public record NewStakeholder(@NotNull UUID contactId, @Schema(nullable = true, defaultValue = "STAKEHOLDER") StakeholderRole role) {
}
