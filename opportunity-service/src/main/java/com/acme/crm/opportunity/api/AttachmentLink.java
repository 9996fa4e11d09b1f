package com.acme.crm.opportunity.api;

import com.acme.crm.contracts.qualification.AttachmentRef;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** One of the lead's files as the opportunity shows it (SPEC §10): its metadata and where the lead serves its bytes. */
public record AttachmentLink(
        @Schema(description = "The attachment's id on the lead") UUID id,
        String fileName,
        String mediaType,
        @Schema(description = "Bytes") long size,
        @Schema(description = "Hex SHA-256 of the bytes; the download's ETag") String sha256,
        @Schema(description = "Where to download it: GET on the lead service (through the gateway), with a bearer token that may see the lead;"
                + " 404 once the file or the lead is gone") String href) {

    static AttachmentLink of(UUID leadId, AttachmentRef ref) {
        return new AttachmentLink(ref.id(), ref.fileName(), ref.mediaType(), ref.size(), ref.sha256(),
                "/api/leads/" + leadId + "/attachments/" + ref.id());
    }
}
