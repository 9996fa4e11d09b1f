package com.acme.crm.contracts.qualification;

import java.util.UUID;

/** Reply from opportunity-service: the attempt's opportunity exists. */
public record OpportunityCreated(UUID qualificationId, UUID leadId, UUID opportunityId) implements QualificationReply {
}
