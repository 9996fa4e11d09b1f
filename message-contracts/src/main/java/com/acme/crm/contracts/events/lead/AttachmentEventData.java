package com.acme.crm.contracts.events.lead;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A file on a lead (SPEC §10) as the data of {@code crm.lead.attachment-added.v1} and
 * {@code crm.lead.attachment-removed.v1} (keyed by the lead id): its metadata, never the bytes (they
 * are at {@code GET /api/leads/{leadId}/attachments/{id}} while the file is there). {@code size} is
 * in bytes, {@code sha256} the hex SHA-256 of the bytes. Nullable: {@code note} only.
 */
public record AttachmentEventData(
        UUID id,
        UUID leadId,
        String fileName,
        String mediaType,
        long size,
        String sha256,
        @Schema(nullable = true) String note,
        String uploadedBy,
        Instant uploadedAt) {
}
