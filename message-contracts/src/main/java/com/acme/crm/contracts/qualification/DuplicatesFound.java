package com.acme.crm.contracts.qualification;

import java.util.List;
import java.util.UUID;

/** Reply from account-service: matching records exist; nothing was created. */
public record DuplicatesFound(
        UUID qualificationId,
        UUID leadId,
        List<DuplicateMatch> accounts,
        List<DuplicateMatch> contacts) implements QualificationReply {

    /** One existing record that matched, and on what. */
    public record DuplicateMatch(UUID id, String name, String matchedOn) {
    }
}
