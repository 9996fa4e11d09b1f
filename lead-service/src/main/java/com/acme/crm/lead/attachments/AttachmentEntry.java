package com.acme.crm.lead.attachments;

import java.time.Instant;
import java.util.UUID;

/** An attachment as the public events carry it: its metadata, never the bytes. */
public record AttachmentEntry(UUID id, UUID leadId, String fileName, String mediaType, long size, String sha256,
                              String uploadedBy, Instant uploadedAt) {

    static AttachmentEntry of(Attachment a) {
        return new AttachmentEntry(a.id, a.leadId, a.fileName, a.mediaType, a.size, a.sha256, a.createdBy, a.createdAt);
    }
}
