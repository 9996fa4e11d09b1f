package com.acme.crm.lead.api;

import com.acme.crm.lead.notes.LeadNote;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A note to add to a lead. */
public record NoteRequest(@NotBlank @Size(max = LeadNote.MAX_TEXT_LENGTH) String text) {
}
