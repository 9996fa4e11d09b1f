package com.acme.crm.lead;

import com.acme.crm.contracts.MessageLimits;
import com.acme.crm.contracts.events.lead.LeadEventData;
import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lead's public events carry message-contracts' LeadEventData, which has no notes: its size is bounded by the lead's
 * field limits (LeadFields, AddressFields), the qualification's reason (500) and the duplicate
 * matches account-service reports (at most 10 accounts and 10 contacts, names up to 200). This
 * measures the largest one, every character escaped to 6 bytes (plain JUnit).
 */
class LeadEventSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void theLargestLeadEventIsFarBelowTheBound() throws Exception {
        Instant t = Instant.parse("2026-11-26T00:00:00.123456Z");
        List<DuplicateMatch> matches = Collections.nCopies(10, new DuplicateMatch(UUID.randomUUID(), worst(201), "website"));
        LeadEventData.Qualification qualification = new LeadEventData.Qualification(UUID.randomUUID(), UUID.randomUUID(),
                "DUPLICATES_FOUND", new LeadEventData.Request(true, true, true, UUID.randomUUID(), UUID.randomUUID(), "EUR", "LINK_EXISTING"),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), new LeadEventData.Duplicates(matches, matches),
                worst(500), t, t);
        LeadEventData lead = new LeadEventData(UUID.randomUUID(), worst(200), worst(100), worst(100), worst(100), worst(200), worst(254),
                worst(50), worst(50), worst(500), new LeadEventData.Address(worst(200), worst(100), worst(100), worst(20), worst(100)),
                worst(100), "EMAIL", "EMPLOYEE_REFERRAL", new BigDecimal("99999999999999999.99"), "EUR", "NEXT_QUARTER",
                "COMMITTEE", true, worst(10_000), UUID.randomUUID(), UUID.randomUUID(), worst(100),
                worst(100), "DISQUALIFIED", "NO_LONGER_INTERESTED", worst(100), Long.MAX_VALUE, t, worst(100), t,
                worst(100), t, true, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), qualification);

        int bytes = JSON.writeValueAsBytes(lead).length;

        System.out.printf("largest lead event data: %d bytes%n", bytes);
        assertTrue(bytes > 6 * 10_000, "every field counted: " + bytes);
        assertTrue(bytes <= MessageLimits.MAX_DATA_BYTES / 2, bytes + " bytes");
    }

    /** {@code length} characters JSON escapes to 6 bytes each. */
    private static String worst(int length) {
        return "\u0001".repeat(length);
    }
}
