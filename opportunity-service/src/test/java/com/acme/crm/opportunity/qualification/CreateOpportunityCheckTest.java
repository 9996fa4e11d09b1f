package com.acme.crm.opportunity.qualification;

import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the lead API allows passes; what the columns cannot hold is named (plain JUnit). */
class CreateOpportunityCheckTest {

    private static final List<CopiedNote> LONGEST_NOTE = List.of(new CopiedNote("x".repeat(10_000), "a".repeat(100), Instant.EPOCH));

    @Test
    void theLongestValuesTheLeadApiAllowsPassForEveryCurrencyAndEnum() {
        for (Currency currency : Currency.getAvailableCurrencies()) {
            assertEquals(Optional.empty(), CreateOpportunityCheck.problem(command("t".repeat(200), currency.getCurrencyCode(),
                    new BigDecimal("99999999999999999.99"), "NEXT_QUARTER", "INDIVIDUAL", LONGEST_NOTE)), currency.getCurrencyCode());
        }
        for (String timeframe : CreateOpportunityCheck.TIMEFRAMES) {
            for (String process : CreateOpportunityCheck.PROCESSES) {
                assertEquals(Optional.empty(), CreateOpportunityCheck.problem(command("t", "EUR", BigDecimal.ZERO, timeframe, process, List.of())));
            }
        }
        assertEquals(Optional.empty(), CreateOpportunityCheck.problem(command("t", "EUR", null, null, null, List.of())));
    }

    @Test
    void whatTheColumnsCannotHoldIsNamed() {
        assertProblem("name longer than 200", command("t".repeat(201), "EUR", null, null, null, List.of()));
        assertProblem("no currency", command("t", null, null, null, null, List.of()));
        assertProblem("ISO 4217", command("t", "EURO", null, null, null, List.of()));
        assertProblem("17 digits", command("t", "EUR", new BigDecimal("100000000000000000"), null, null, List.of()));
        assertProblem("17 digits", command("t", "EUR", new BigDecimal("1.001"), null, null, List.of()));
        assertProblem("timeframe", command("t", "EUR", null, "SOMEDAY", null, List.of()));
        assertProblem("longer than 10000", command("t", "EUR", null, null, null,
                List.of(new CopiedNote("x".repeat(10_001), "a", Instant.EPOCH))));
        assertProblem("author", command("t", "EUR", null, null, null, List.of(new CopiedNote("x", "a".repeat(101), Instant.EPOCH))));
    }

    @Test
    void theMostFilesTheLeadApiAllowsPassAndBadFileMetadataIsNamed() {
        AttachmentRef longest = new AttachmentRef(UUID.randomUUID(), "€".repeat(255), "m".repeat(255), Long.MAX_VALUE, "0".repeat(64));
        CreateOpportunity plain = command("t", "EUR", null, null, null, List.of());
        assertEquals(Optional.empty(), CreateOpportunityCheck.problem(
                plain.withAttachments(Collections.nCopies(CreateOpportunity.MAX_ATTACHMENTS, longest))));
        assertProblem("more than a lead has", plain.withAttachments(Collections.nCopies(CreateOpportunity.MAX_ATTACHMENTS + 1, longest)));
        assertProblem("without id", plain.withAttachments(List.of(new AttachmentRef(null, "a", "b/c", 1, "0".repeat(64)))));
        assertProblem("without id", plain.withAttachments(List.of(new AttachmentRef(UUID.randomUUID(), " ", "b/c", 1, "0".repeat(64)))));
        assertProblem("longer than 255", plain.withAttachments(List.of(new AttachmentRef(UUID.randomUUID(), "a".repeat(256), "b/c", 1, "0".repeat(64)))));
        assertProblem("64 hex digits", plain.withAttachments(List.of(new AttachmentRef(UUID.randomUUID(), "a", "b/c", 1, "0".repeat(63)))));
        assertProblem("negative size", plain.withAttachments(List.of(new AttachmentRef(UUID.randomUUID(), "a", "b/c", -1, "0".repeat(64)))));
    }

    private static void assertProblem(String expected, CreateOpportunity command) {
        Optional<String> problem = CreateOpportunityCheck.problem(command);
        assertTrue(problem.isPresent() && problem.get().contains(expected), problem.toString());
    }

    private static CreateOpportunity command(String name, String currency, BigDecimal value, String timeframe, String process,
                                             List<CopiedNote> notes) {
        return new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "o".repeat(100), null, null, name, currency, value,
                timeframe, process, true, "d".repeat(10_000), notes.size(), notes);
    }
}
