package com.acme.crm.contracts.qualification;

import com.acme.crm.contracts.MessageLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The messages that create one opportunity with all the lead's notes: a {@link CreateOpportunity}
 * carrying the notes that fit beside its fields, then {@link CopyOpportunityNotes} chunks for the
 * rest; each message's JSON data at most {@link MessageLimits#MAX_DATA_BYTES}. Plain logic: the
 * caller passes how its JSON writer measures a value, so the bound holds for exactly what is sent.
 */
public record OpportunityCommands(CreateOpportunity command, List<CopyOpportunityNotes> chunks) {

    /**
     * @param command   the command without notes
     * @param notes     every note of the lead, oldest first
     * @param jsonBytes the UTF-8 JSON size of a value as the outbox will write it
     */
    public static OpportunityCommands of(CreateOpportunity command, List<CopiedNote> notes, ToIntFunction<Object> jsonBytes) {
        return of(command, notes, jsonBytes, MessageLimits.MAX_DATA_BYTES);
    }

    static OpportunityCommands of(CreateOpportunity command, List<CopiedNote> notes, ToIntFunction<Object> jsonBytes, int maxBytes) {
        int count = notes.size();
        // an empty array is already in each envelope; the chunker counts the elements and their commas
        int firstRoom = maxBytes - jsonBytes.applyAsInt(command.withNotes(count, List.of()));
        if (firstRoom < 0) {
            throw new IllegalArgumentException("the command alone is larger than " + maxBytes + " bytes");
        }
        int room = maxBytes - jsonBytes.applyAsInt(new CopyOpportunityNotes(command.qualificationId(), command.leadId(), count, List.of()));
        List<List<CopiedNote>> split = ChunksBySize.split(notes, jsonBytes::applyAsInt, firstRoom, room);
        List<CopyOpportunityNotes> chunks = new ArrayList<>();
        int position = split.get(0).size();
        for (List<CopiedNote> chunk : split.subList(1, split.size())) {
            chunks.add(new CopyOpportunityNotes(command.qualificationId(), command.leadId(), position, chunk));
            position += chunk.size();
        }
        return new OpportunityCommands(command.withNotes(count, split.get(0)), chunks);
    }
}
