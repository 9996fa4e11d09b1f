package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.AttachmentRef;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;
import java.util.UUID;

/** One of the lead's files on the opportunity made by its qualification: the metadata; the bytes stay on the lead. */
@Entity
@Table(name = "opportunity_attachment")
public class OpportunityAttachment extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "opportunity_id")
    public UUID opportunityId;
    public int position;
    @Column(name = "attachment_id")
    public UUID attachmentId;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "media_type")
    public String mediaType;
    public long size;
    public String sha256;

    /** The opportunity's files, in the lead's order. Needs a session. */
    public static Uni<List<AttachmentRef>> of(UUID opportunityId) {
        return OpportunityAttachment.<OpportunityAttachment>find("opportunityId = ?1 order by position", opportunityId).list()
                .map(rows -> rows.stream().map(r -> new AttachmentRef(r.attachmentId, r.fileName, r.mediaType, r.size, r.sha256)).toList());
    }
}
