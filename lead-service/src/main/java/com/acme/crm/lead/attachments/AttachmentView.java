package com.acme.crm.lead.attachments;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An attachment's metadata as the API shows it; the bytes are at {@code GET /api/leads/{id}/attachments/{aid}}. */
public record AttachmentView(
        UUID id,
        String fileName,
        @Schema(description = "As the upload's file part named it (application/octet-stream when it named none)") String mediaType,
        @Schema(description = "Bytes") long size,
        @Schema(description = "Hex SHA-256 of the bytes; the download's ETag") String sha256,
        @Schema(nullable = true) String note,
        String uploadedBy,
        Instant uploadedAt) {

    public static AttachmentView of(Attachment a) {
        return new AttachmentView(a.id, a.fileName, a.mediaType, a.size, a.sha256, a.note, a.createdBy, a.createdAt);
    }
}
