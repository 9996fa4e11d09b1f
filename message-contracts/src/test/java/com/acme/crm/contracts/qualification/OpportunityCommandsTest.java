package com.acme.crm.contracts.qualification;

import com.acme.crm.contracts.MessageLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The messages of one opportunity: every note carried once, in order, and every message within the bound. */
class OpportunityCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Characters JSON escapes (6 bytes for a control character), multi-byte ones, a surrogate pair. */
    private static final String HARD = "\u0001\"\\\n\t\u001fé中😀a";

    @Test
    void theLargestLeadTravelsInBoundedMessagesWithEveryNoteInOrder() throws Exception {
        // 500 notes of 10,000 characters (the lead API's limits) of the costliest kinds, the longest fields
        List<CopiedNote> notes = IntStream.range(0, 500)
                .mapToObj(i -> new CopiedNote(i + hard(10_000 - String.valueOf(i).length()), "u".repeat(100),
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)))
                .toList();
        CreateOpportunity command = command(hard(200), hard(10_000));

        OpportunityCommands messages = OpportunityCommands.of(command, notes, OpportunityCommandsTest::bytes);

        List<Object> all = new ArrayList<>(List.of(messages.command()));
        all.addAll(messages.chunks());
        int largest = all.stream().mapToInt(OpportunityCommandsTest::bytes).max().orElseThrow();
        System.out.printf("500 notes x 10,000 escaped characters: %d messages, largest %d bytes, all %d bytes%n",
                all.size(), largest, all.stream().mapToLong(OpportunityCommandsTest::bytes).sum());
        assertTrue(largest <= MessageLimits.MAX_DATA_BYTES, largest + " bytes");
        assertEquals(500, messages.command().noteCount());
        assertEquals(notes, carried(messages));
    }

    @Test
    void aFewShortNotesGoInTheCommandAlone() throws Exception {
        List<CopiedNote> notes = List.of(new CopiedNote("Met at the fair", "bob", Instant.parse("2026-01-02T03:04:05Z")),
                new CopiedNote("Wants a pilot", "alice", Instant.parse("2026-01-03T03:04:05Z")));

        OpportunityCommands messages = OpportunityCommands.of(command("Solar roofs", "big one"), notes, OpportunityCommandsTest::bytes);

        assertEquals(List.of(), messages.chunks());
        assertEquals(notes, messages.command().notes());
        assertEquals(2, messages.command().expectedNotes());
    }

    @Test
    void aSmallBoundGivesManyChunksThatStillCarryEverything() throws Exception {
        List<CopiedNote> notes = IntStream.range(0, 40)
                .mapToObj(i -> new CopiedNote("note " + i + " " + hard(i * 7), "bob", Instant.EPOCH.plusSeconds(i))).toList();
        int bound = 2_000;

        OpportunityCommands messages = OpportunityCommands.of(command("t", "d"), notes, OpportunityCommandsTest::bytes, bound);

        assertTrue(messages.chunks().size() > 5, messages.chunks().size() + " chunks");
        assertTrue(bytes(messages.command()) <= bound);
        messages.chunks().forEach(chunk -> assertTrue(bytes(chunk) <= bound, bytes(chunk) + " bytes"));
        assertEquals(notes, carried(messages));
    }

    @Test
    void aCommandWithoutNoteCountCarriesAllItsNotes() throws Exception {
        // as written before chunks existed: read tolerantly, the notes it has are all there are
        CreateOpportunity old = JSON.readValue("{\"qualificationId\":\"" + UUID.randomUUID() + "\",\"notes\":[{\"text\":\"a\"},{\"text\":\"b\"}]}",
                CreateOpportunity.class);
        assertEquals(2, old.expectedNotes());
    }

    /** The notes as opportunity-service puts them together: each at its position. */
    private static List<CopiedNote> carried(OpportunityCommands messages) throws JsonProcessingException {
        CreateOpportunity command = JSON.readValue(JSON.writeValueAsString(messages.command()), CreateOpportunity.class);
        CopiedNote[] positions = new CopiedNote[command.expectedNotes()];
        for (int i = 0; i < command.firstNotes().size(); i++) {
            positions[i] = command.firstNotes().get(i);
        }
        for (CopyOpportunityNotes sent : messages.chunks()) {
            CopyOpportunityNotes chunk = JSON.readValue(JSON.writeValueAsString(sent), CopyOpportunityNotes.class);
            for (int i = 0; i < chunk.notes().size(); i++) {
                assertEquals(null, positions[chunk.firstPosition() + i], "position carried twice");
                positions[chunk.firstPosition() + i] = chunk.notes().get(i);
            }
        }
        return List.of(positions);
    }

    private static CreateOpportunity command(String name, String description) {
        return new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "o".repeat(100), UUID.randomUUID(), UUID.randomUUID(),
                name, "EUR", new BigDecimal("99999999999999999.99"), "THIS_QUARTER", "COMMITTEE", true, description, null, null);
    }

    private static String hard(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(HARD);
        }
        text.setLength(length);
        if (length > 0 && Character.isHighSurrogate(text.charAt(length - 1))) {
            text.setCharAt(length - 1, '\u0002');
        }
        return text.toString();
    }

    private static int bytes(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
