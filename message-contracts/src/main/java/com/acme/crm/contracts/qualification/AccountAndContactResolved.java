package com.acme.crm.contracts.qualification;

import java.util.UUID;

/** Reply from account-service: the attempt's account and contact exist (created or linked). */
public record AccountAndContactResolved(
        UUID qualificationId,
        UUID leadId,
        UUID accountId,
        UUID contactId) implements QualificationReply {
}
