package com.acme.crm.opportunity.qualification;

import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CreateOpportunity;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a CreateOpportunity cannot be done, checked before anything is stored: a value the
 * columns cannot hold would fail on every retry, so it is answered at once with a clear reason
 * (SPEC rule 7). The limits are the lead API's (lead-service {@code LeadFields}, notes), which the
 * columns match, so a command made from a valid lead always passes. Plain logic.
 */
public final class CreateOpportunityCheck {

    static final int MAX_NAME = 200;
    static final int MAX_OWNER = 100;
    static final int MAX_NOTE_TEXT = 10_000;
    static final int MAX_AUTHOR = 100;
    static final int MAX_FILE_NAME = 255;
    static final int MAX_MEDIA_TYPE = 255;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** numeric(19, 2) */
    static final int MAX_INTEGER_DIGITS = 17;
    static final Set<String> TIMEFRAMES = Set.of("IMMEDIATE", "THIS_QUARTER", "NEXT_QUARTER", "THIS_YEAR", "UNKNOWN");
    static final Set<String> PROCESSES = Set.of("INDIVIDUAL", "COMMITTEE", "UNKNOWN");

    private CreateOpportunityCheck() {
    }

    /** The reason the command must be rejected, if there is one. */
    public static Optional<String> problem(CreateOpportunity c) {
        if (c.currency() == null || c.currency().isBlank()) {
            return Optional.of("no currency given");
        }
        if (!isCurrency(c.currency())) {
            return Optional.of("currency is not an ISO 4217 code: " + c.currency());
        }
        if (c.name() == null || c.name().isBlank()) {
            return Optional.of("the opportunity needs a name (the lead's topic)");
        }
        if (c.name().length() > MAX_NAME) {
            return Optional.of("name longer than " + MAX_NAME + " characters: " + c.name().length());
        }
        if (c.ownerId() == null || c.ownerId().isBlank() || c.ownerId().length() > MAX_OWNER) {
            return Optional.of("owner id missing or longer than " + MAX_OWNER + " characters");
        }
        if (c.estimatedValue() != null && !fitsMoney(c.estimatedValue())) {
            return Optional.of("estimated value does not fit 17 digits and 2 decimals: " + c.estimatedValue().toPlainString());
        }
        if (c.purchaseTimeframe() != null && !TIMEFRAMES.contains(c.purchaseTimeframe())) {
            return Optional.of("unknown purchase timeframe " + c.purchaseTimeframe());
        }
        if (c.purchaseProcess() != null && !PROCESSES.contains(c.purchaseProcess())) {
            return Optional.of("unknown purchase process " + c.purchaseProcess());
        }
        if (c.expectedNotes() < c.firstNotes().size()) {
            return Optional.of("noteCount " + c.expectedNotes() + " is less than the " + c.firstNotes().size() + " notes carried");
        }
        Optional<String> attachments = attachmentsProblem(c.attachmentsOrNone());
        return attachments.isPresent() ? attachments : notesProblem(c.firstNotes());
    }

    /** Why the files' metadata cannot be stored, if it cannot (the lead's upload rules are stricter). */
    static Optional<String> attachmentsProblem(List<AttachmentRef> attachments) {
        if (attachments.size() > CreateOpportunity.MAX_ATTACHMENTS) {
            return Optional.of(attachments.size() + " attachments, more than a lead has (" + CreateOpportunity.MAX_ATTACHMENTS + ")");
        }
        for (AttachmentRef a : attachments) {
            if (a == null || a.id() == null || a.fileName() == null || a.fileName().isBlank() || a.mediaType() == null
                    || a.mediaType().isBlank() || a.sha256() == null) {
                return Optional.of("an attachment without id, file name, media type or sha256");
            }
            if (a.fileName().length() > MAX_FILE_NAME || a.mediaType().length() > MAX_MEDIA_TYPE) {
                return Optional.of("an attachment's file name or media type is longer than " + MAX_FILE_NAME + " characters");
            }
            if (a.size() < 0 || !SHA256.matcher(a.sha256()).matches()) {
                return Optional.of("an attachment with a negative size or a sha256 that is not 64 hex digits");
            }
        }
        return Optional.empty();
    }

    /** Why notes cannot be stored, if they cannot. */
    public static Optional<String> notesProblem(List<CopiedNote> notes) {
        for (CopiedNote note : notes) {
            if (note == null || note.text() == null || note.author() == null || note.createdAt() == null) {
                return Optional.of("a note without text, author or time");
            }
            if (note.text().length() > MAX_NOTE_TEXT) {
                return Optional.of("a note longer than " + MAX_NOTE_TEXT + " characters: " + note.text().length());
            }
            if (note.author().length() > MAX_AUTHOR) {
                return Optional.of("a note author longer than " + MAX_AUTHOR + " characters");
            }
        }
        return Optional.empty();
    }

    private static boolean isCurrency(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException notACurrency) {
            return false;
        }
    }

    private static boolean fitsMoney(BigDecimal value) {
        BigDecimal cents = value.stripTrailingZeros();
        return cents.scale() <= 2 && cents.precision() - cents.scale() <= MAX_INTEGER_DIGITS;
    }
}
