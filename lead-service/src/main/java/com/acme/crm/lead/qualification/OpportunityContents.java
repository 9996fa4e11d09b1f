package com.acme.crm.lead.qualification;

import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.persistence.PlanCacheBypass;
import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.StakeholderRef;
import com.acme.crm.lead.attachments.Attachment;
import com.acme.crm.lead.decisions.OpportunityContent;
import com.acme.crm.lead.notes.LeadNote;
import com.acme.crm.lead.stakeholders.Stakeholder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.common.AffectedEntities;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What of each lead goes with its opportunity (notes, stakeholders, files' metadata, each oldest first) in one
 * statement for any number of leads: one round trip where a load per table took three.
 */
final class OpportunityContents {

    private static final int NOTE = 0;
    private static final int STAKEHOLDER = 1;
    private static final int ATTACHMENT = 2;

    // the three tables' rows in one result, by kind, lead and age; the ids as one array value (one SQL text whatever
    // their number, and planned with the ids, as lead-service plans every statement: each table's lead index)
    private static final String CONTENT = """
            select 0 as kind, n.lead_id, n.created_at, n.id, cast(null as uuid) as ref, n.text as t1, n.author as t2,
                   cast(null as text) as t3, cast(null as bigint) as size
            from lead_note n where n.lead_id = any(cast(cast(:ids as text) as uuid[]))
            union all
            select 1, s.lead_id, s.created_at, s.id, s.contact_id, s.role, null, null, null
            from lead_stakeholder s where s.lead_id = any(cast(cast(:ids as text) as uuid[]))
            union all
            select 2, a.lead_id, a.created_at, a.id, null, a.file_name, a.media_type, a.sha256, a.size
            from lead_attachment a where a.lead_id = any(cast(cast(:ids as text) as uuid[]))
            order by 1, 2, 3, 4""";

    // what the statement reads: notes, stakeholders or files added earlier in the transaction are flushed before it
    private static final AffectedEntities READS = new AffectedEntities(LeadNote.class, Stakeholder.class, Attachment.class);

    private OpportunityContents() {
    }

    /** Each lead's content, in the caller's session; a lead without notes, stakeholders or files gets empty lists. */
    static Uni<Map<UUID, OpportunityContent>> of(Collection<UUID> leadIds) {
        String ids = NativeValues.uuidArray(leadIds);
        return Panache.getSession().chain(session -> PlanCacheBypass.bind(
                        session.createNativeQuery(CONTENT, Object[].class, READS), "ids", ids)
                .getResultList())
                .map(rows -> {
                    Map<UUID, Lists> byLead = new HashMap<>();
                    for (Object[] r : rows) {
                        Lists lists = byLead.computeIfAbsent((UUID) r[1], lead -> new Lists());
                        switch (((Number) r[0]).intValue()) {
                            case NOTE -> lists.notes.add(new CopiedNote((String) r[5], (String) r[6], NativeValues.instant(r[2])));
                            case STAKEHOLDER -> lists.stakeholders.add(new StakeholderRef((UUID) r[4], (String) r[5]));
                            case ATTACHMENT -> lists.attachments.add(new AttachmentRef((UUID) r[3], (String) r[5],
                                    (String) r[6], ((Number) r[8]).longValue(), (String) r[7]));
                            default -> throw new IllegalStateException("unknown content kind " + r[0]);
                        }
                    }
                    Map<UUID, OpportunityContent> content = new LinkedHashMap<>();
                    for (UUID lead : leadIds) {
                        Lists lists = byLead.getOrDefault(lead, new Lists());
                        content.put(lead, new OpportunityContent(lists.notes, lists.stakeholders, lists.attachments));
                    }
                    return content;
                });
    }

    /** One lead's rows as they come. */
    private static final class Lists {
        final List<CopiedNote> notes = new ArrayList<>();
        final List<StakeholderRef> stakeholders = new ArrayList<>();
        final List<AttachmentRef> attachments = new ArrayList<>();
    }
}
