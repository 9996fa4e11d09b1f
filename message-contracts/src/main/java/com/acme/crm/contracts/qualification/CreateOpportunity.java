package com.acme.crm.contracts.qualification;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Command to opportunity-service: create the opportunity of one qualification attempt. */
public record CreateOpportunity(
        UUID qualificationId,
        UUID leadId,
        String ownerId,
        UUID accountId,
        UUID contactId,
        String name,
        String currency,
        BigDecimal estimatedValue,
        String purchaseTimeframe,
        String purchaseProcess,
        Boolean decisionMaker,
        String description,
        List<CopiedNote> notes) {

    /** A lead note, copied with its original author and time. */
    public record CopiedNote(String text, String author, Instant createdAt) {
    }
}
