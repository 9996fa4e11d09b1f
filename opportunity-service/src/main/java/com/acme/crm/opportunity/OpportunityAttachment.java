package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.AttachmentRef;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.ArrayList;
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

    /** Stores the files of a new opportunity, in order. Needs a transaction. */
    public static Uni<Void> store(UUID opportunityId, List<AttachmentRef> attachments) {
        List<OpportunityAttachment> rows = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            AttachmentRef ref = attachments.get(i);
            OpportunityAttachment row = new OpportunityAttachment();
            row.id = UUID.randomUUID();
            row.opportunityId = opportunityId;
            row.position = i;
            row.attachmentId = ref.id();
            row.fileName = ref.fileName();
            row.mediaType = ref.mediaType();
            row.size = ref.size();
            row.sha256 = ref.sha256();
            rows.add(row);
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem() : persist(rows);
    }

    /** The opportunity's files, in the lead's order. Needs a session. */
    public static Uni<List<AttachmentRef>> of(UUID opportunityId) {
        return OpportunityAttachment.<OpportunityAttachment>find("opportunityId = ?1 order by position", opportunityId).list()
                .map(rows -> rows.stream().map(r -> new AttachmentRef(r.attachmentId, r.fileName, r.mediaType, r.size, r.sha256)).toList());
    }
}
