package com.acme.crm.lead;

import com.acme.crm.contracts.MessageLimits;
import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.OpportunityCommands;
import com.acme.crm.contracts.qualification.StakeholderRef;
import com.acme.crm.lead.attachments.UploadRules;
import com.acme.crm.lead.stakeholders.StakeholderRole;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CreateOpportunity of the largest lead stays within the message bound: its fields at their
 * limits (LeadFields; a 10,000-character description, every character escaped to 6 bytes), the most
 * stakeholders and the most files a lead can have, each file's name at the upload limit in 3-byte
 * characters and its media type as long as allowed, every character escaped (plain JUnit). The
 * notes do not count: what does not fit beside the command follows in chunks.
 */
class CreateOpportunitySizeTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void theLargestLeadsCommandFitsOneMessage() {
        List<StakeholderRef> stakeholders = Collections.nCopies(CreateOpportunity.MAX_STAKEHOLDERS,
                new StakeholderRef(UUID.randomUUID(), StakeholderRole.TECHNICAL_BUYER.name()));
        List<AttachmentRef> files = Collections.nCopies(CreateOpportunity.MAX_ATTACHMENTS, new AttachmentRef(UUID.randomUUID(),
                "€".repeat(UploadRules.MAX_FILE_NAME), "\"".repeat(UploadRules.MAX_MEDIA_TYPE), Long.MAX_VALUE, "f".repeat(64)));
        CreateOpportunity command = new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "o".repeat(100), UUID.randomUUID(),
                UUID.randomUUID(), worst(200), "EUR", new BigDecimal("99999999999999999.99"), "NEXT_QUARTER", "COMMITTEE", true,
                worst(10_000), null, null).withStakeholders(stakeholders).withAttachments(files);
        List<CopiedNote> notes = List.of(new CopiedNote(worst(10_000), "a".repeat(100), Instant.now()));

        OpportunityCommands split = OpportunityCommands.of(command, notes, CreateOpportunitySizeTest::jsonBytes);

        int bytes = jsonBytes(split.command().withNotes(1, List.of()));
        System.out.printf("largest CreateOpportunity without notes: %d bytes (files: %d)%n", bytes, jsonBytes(files));
        assertTrue(jsonBytes(files) > CreateOpportunity.MAX_ATTACHMENTS * 3 * UploadRules.MAX_FILE_NAME, "every file counted");
        assertTrue(bytes <= MessageLimits.MAX_DATA_BYTES, bytes + " bytes");
        assertEquals(files, split.command().attachmentsOrNone());
        assertTrue(jsonBytes(split.command()) <= MessageLimits.MAX_DATA_BYTES);
    }

    private static int jsonBytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value).length;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code length} characters JSON escapes to 6 bytes each. */
    private static String worst(int length) {
        return "\u0001".repeat(length);
    }
}
