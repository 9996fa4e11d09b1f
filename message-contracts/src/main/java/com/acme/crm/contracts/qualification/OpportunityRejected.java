package com.acme.crm.contracts.qualification;

import java.util.UUID;

/** Reply from opportunity-service: the opportunity cannot be created; nothing was. */
public record OpportunityRejected(UUID qualificationId, UUID leadId, String reason) implements QualificationReply {
}
