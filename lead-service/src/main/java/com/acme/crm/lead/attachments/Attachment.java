package com.acme.crm.lead.attachments;

import com.acme.crm.lead.ItemOfLead;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

/** A file on a lead: its metadata; the bytes are in {@code lead_attachment_chunk} rows ({@link AttachmentChunks}). */
@Entity
@Table(name = "lead_attachment")
public class Attachment extends ItemOfLead {

    @Column(name = "file_name", nullable = false, updatable = false)
    public String fileName;
    @Column(name = "media_type", nullable = false, updatable = false)
    public String mediaType;
    @Column(nullable = false, updatable = false)
    public long size;
    @Column(nullable = false, updatable = false)
    public String sha256;
    @Column(updatable = false)
    public String note;

    static Attachment of(UUID id, UUID leadId, CheckedUpload upload, StoredBytes bytes, String actor) {
        Attachment attachment = new Attachment();
        attachment.made(leadId, actor);
        attachment.id = id;
        attachment.fileName = upload.fileName();
        attachment.mediaType = upload.mediaType();
        attachment.note = upload.note();
        attachment.size = bytes.size();
        attachment.sha256 = bytes.sha256();
        return attachment;
    }
}
