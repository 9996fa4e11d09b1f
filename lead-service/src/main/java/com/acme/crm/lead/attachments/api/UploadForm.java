package com.acme.crm.lead.attachments.api;

import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The multipart upload: Quarkus REST spools the file part to a temporary file (deleted when the request ends). */
public class UploadForm {

    @RestForm("file")
    @Schema(type = SchemaType.STRING, format = "binary", required = true,
            description = "The file, with a file name (no path separators or control characters) and its Content-Type")
    public FileUpload file;

    @RestForm("note")
    @PartType(MediaType.TEXT_PLAIN)
    @Schema(nullable = true, maxLength = 2000, description = "A note shown with the attachment")
    public String note;
}
