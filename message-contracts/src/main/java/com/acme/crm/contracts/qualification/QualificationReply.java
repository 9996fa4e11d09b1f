package com.acme.crm.contracts.qualification;

import java.util.UUID;

/** Everything the lead service hears back on the replies topic, one attempt at a time. */
public sealed interface QualificationReply
        permits AccountAndContactResolved, DuplicatesFound, AccountAndContactRejected,
        OpportunityCreated, OpportunityRejected {

    UUID qualificationId();

    UUID leadId();
}
