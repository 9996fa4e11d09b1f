package com.acme.crm.lead.stakeholders;

import jakarta.validation.constraints.NotNull;

/** A stakeholder's new role. */
public record RoleChange(@NotNull StakeholderRole role) {
}
