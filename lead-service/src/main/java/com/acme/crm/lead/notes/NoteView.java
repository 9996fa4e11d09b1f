package com.acme.crm.lead.notes;

import java.time.Instant;
import java.util.UUID;

/** A lead note as the API shows it. */
public record NoteView(UUID id, UUID leadId, String text, String author, Instant createdAt) {

    public static NoteView of(LeadNote note) {
        return new NoteView(note.id, note.leadId, note.text, note.author, note.createdAt);
    }
}
