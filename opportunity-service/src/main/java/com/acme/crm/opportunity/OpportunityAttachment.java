package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.common.persistence.CombinedInsert;
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

    private static final List<String> COLUMNS = List.of("id", "opportunity_id", "position", "attachment_id", "file_name",
            "media_type", "size", "sha256");

    /** Adds the files of a new opportunity, in order, to {@code insert} (written with the opportunity, in one statement). */
    public static CombinedInsert addTo(CombinedInsert insert, UUID opportunityId, List<AttachmentRef> attachments) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            AttachmentRef ref = attachments.get(i);
            rows.add(new Object[]{UUID.randomUUID(), opportunityId, i, ref.id(), ref.fileName(), ref.mediaType(), ref.size(), ref.sha256()});
        }
        return insert.into("opportunity_attachment", COLUMNS, rows);
    }

    /** The opportunity's files, in the lead's order. Needs a session. */
    public static Uni<List<AttachmentRef>> of(UUID opportunityId) {
        return OpportunityAttachment.<OpportunityAttachment>find("opportunityId = ?1 order by position", opportunityId).list()
                .map(rows -> rows.stream().map(r -> new AttachmentRef(r.attachmentId, r.fileName, r.mediaType, r.size, r.sha256)).toList());
    }
}
