package com.acme.crm.contracts.qualification;

import java.util.UUID;

/**
 * One of the lead's files as the opportunity lists it after qualification (SPEC §10): the metadata,
 * never the bytes; they stay on the lead, at {@code GET /api/leads/{leadId}/attachments/{id}}.
 * {@code size} is in bytes, {@code sha256} the hex SHA-256 of the bytes.
 */
public record AttachmentRef(UUID id, String fileName, String mediaType, long size, String sha256) {
}
