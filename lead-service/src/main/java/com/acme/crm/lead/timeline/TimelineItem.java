package com.acme.crm.lead.timeline;

import com.acme.crm.lead.activities.ActivityView;
import com.acme.crm.lead.attachments.AttachmentView;
import com.acme.crm.lead.history.HistoryEntryView;
import com.acme.crm.lead.notes.NoteView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One entry of a lead's timeline (SPEC §10): its kind, when, who, and the item itself in the member its kind names. */
public record TimelineItem(
        TimelineKind kind,
        Instant at,
        String actor,
        @Schema(nullable = true, description = "kind NOTE") NoteView note,
        @Schema(nullable = true, description = "kind ACTIVITY") ActivityView activity,
        @Schema(nullable = true, description = "kind ATTACHMENT (a file still on the lead; the bytes are at GET /api/leads/{id}/attachments/{attachment.id})")
        AttachmentView attachment,
        @Schema(nullable = true, description = "kinds STAKEHOLDER and HISTORY") HistoryEntryView change) {
}
