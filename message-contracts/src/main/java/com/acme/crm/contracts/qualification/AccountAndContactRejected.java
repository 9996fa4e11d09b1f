package com.acme.crm.contracts.qualification;

import java.util.UUID;

/** Reply from account-service: the step cannot be done (for example an unknown existing id); nothing was created. */
public record AccountAndContactRejected(UUID qualificationId, UUID leadId, String reason) implements QualificationReply {
}
