package com.acme.crm.lead.attachments;

import java.nio.file.Path;

/** An upload that passed {@link UploadRules}: the spooled file and what is stored with it. */
public record CheckedUpload(Path file, long size, String fileName, String mediaType, String note) {
}
