package com.acme.crm.contracts.qualification;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Command to opportunity-service: create the opportunity of one qualification attempt.
 *
 * <p>It carries the first of the lead's notes, as many as fit {@link MessageLimits#MAX_DATA_BYTES};
 * the rest follow in {@link CopyOpportunityNotes} chunks on the same topic and key, in order.
 * {@code noteCount} says how many notes the opportunity gets in all (the ones here included), so
 * opportunity-service confirms only once every one is stored. A message without {@code noteCount}
 * (written before chunks existed) carries all its notes here.
 *
 * <p>{@code stakeholders} (optional, absent in messages written before it existed) are the lead's
 * stakeholders, in the order they were added; a lead has at most {@link #MAX_STAKEHOLDERS}.
 * {@code attachments} (optional likewise) are the lead's files, oldest first, their metadata only; a
 * lead has at most {@link #MAX_ATTACHMENTS}. Both bounds keep the command within
 * {@link com.acme.crm.contracts.MessageLimits#MAX_DATA_BYTES} beside the lead's largest fields.
 */
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
        Integer noteCount,
        List<CopiedNote> notes,
        List<StakeholderRef> stakeholders,
        List<AttachmentRef> attachments) {

    /** The most stakeholders a lead has, so that they always fit beside the command's other fields. */
    public static final int MAX_STAKEHOLDERS = 100;
    /** The most files a lead has: at most ~1.5 KB of JSON each (a 255-character name), so they always fit too. */
    public static final int MAX_ATTACHMENTS = 100;

    /** A command without stakeholders (as written before they existed). */
    public CreateOpportunity(UUID qualificationId, UUID leadId, String ownerId, UUID accountId, UUID contactId, String name,
                             String currency, BigDecimal estimatedValue, String purchaseTimeframe, String purchaseProcess,
                             Boolean decisionMaker, String description, Integer noteCount, List<CopiedNote> notes) {
        this(qualificationId, leadId, ownerId, accountId, contactId, name, currency, estimatedValue, purchaseTimeframe,
                purchaseProcess, decisionMaker, description, noteCount, notes, null, null);
    }

    /** How many notes the opportunity must have before it is confirmed. */
    public int expectedNotes() {
        return noteCount != null ? noteCount : notes == null ? 0 : notes.size();
    }

    /** The notes carried here (positions 0 to n - 1), never null. */
    public List<CopiedNote> firstNotes() {
        return notes == null ? List.of() : notes;
    }

    /** The same command with {@code notes} as its first notes out of {@code count}. */
    public CreateOpportunity withNotes(int count, List<CopiedNote> first) {
        return new CreateOpportunity(qualificationId, leadId, ownerId, accountId, contactId, name, currency,
                estimatedValue, purchaseTimeframe, purchaseProcess, decisionMaker, description, count, first, stakeholders, attachments);
    }

    /** The same command carrying the lead's stakeholders. */
    public CreateOpportunity withStakeholders(List<StakeholderRef> list) {
        return new CreateOpportunity(qualificationId, leadId, ownerId, accountId, contactId, name, currency,
                estimatedValue, purchaseTimeframe, purchaseProcess, decisionMaker, description, noteCount, notes, list, attachments);
    }

    /** The same command carrying the lead's files. */
    public CreateOpportunity withAttachments(List<AttachmentRef> list) {
        return new CreateOpportunity(qualificationId, leadId, ownerId, accountId, contactId, name, currency,
                estimatedValue, purchaseTimeframe, purchaseProcess, decisionMaker, description, noteCount, notes, stakeholders, list);
    }

    /** The stakeholders, never null. */
    public List<StakeholderRef> stakeholdersOrNone() {
        return stakeholders == null ? List.of() : stakeholders;
    }

    /** The files, never null. */
    public List<AttachmentRef> attachmentsOrNone() {
        return attachments == null ? List.of() : attachments;
    }
}
