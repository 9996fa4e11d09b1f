package com.acme.crm.contracts.qualification;

import java.util.UUID;

/** One of the lead's stakeholders as the opportunity gets it on qualification (SPEC §10): the contact and its role. */
public record StakeholderRef(UUID contactId, String role) {
}
