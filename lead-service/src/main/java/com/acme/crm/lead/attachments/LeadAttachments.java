package com.acme.crm.lead.attachments;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.events.lead.AttachmentEventData;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.events.LeadItemEvents;
import com.acme.crm.lead.history.HistoryAction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A lead's attachments (SPEC §10): metadata in {@link Attachment}, bytes in {@link AttachmentChunks}. */
@ApplicationScoped
public class LeadAttachments {

    @Inject
    LeadAccess access;
    @Inject
    LeadItemEvents events;
    @Inject
    AttachmentChunks chunks;

    /**
     * Stores the checked upload's bytes (a transaction of their own), then its metadata, history entry
     * and event (one transaction); if that fails, the bytes are deleted again. A lead full of files
     * (409) is refused before the bytes are stored, and again under the lead's lock with the row.
     */
    public Uni<AttachmentView> add(UUID leadId, CheckedUpload upload, SecurityIdentity caller) {
        UUID id = UUID.randomUUID();
        return visibleWithRoom(leadId, caller)
                .chain(() -> chunks.store(leadId, id, upload.file(), upload.size()))
                .chain(bytes -> stored(leadId, id, upload, bytes, caller)
                        .onFailure().call(failure -> chunks.discard(id)));
    }

    /** The lead is visible (404) and has room for one more file (409). */
    @WithSession
    public Uni<Void> visibleWithRoom(UUID leadId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller).chain(() -> Attachment.count("leadId", leadId)).invoke(LeadAttachments::requireRoom)
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<AttachmentView> stored(UUID leadId, UUID id, CheckedUpload upload, StoredBytes bytes, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(leadId, caller)
                // under the lead's row lock, so that concurrent uploads take turns and never pass the limit together
                .chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery("select 1 from lead where id = :id for update")
                        .setParameter("id", leadId).getResultList())
                .chain(() -> Attachment.count("leadId", leadId)).invoke(LeadAttachments::requireRoom)
                .chain(() -> {
                    Attachment attachment = Attachment.of(id, leadId, upload, bytes, actor);
                    return attachment.persist().chain(Panache::flush).replaceWith(attachment);
                })
                .call(a -> recorded(a, actor, HistoryAction.ATTACHMENT_ADDED, PublicEvents.LEAD_ATTACHMENT_ADDED))
                .map(AttachmentView::of);
    }

    /**
     * A lead has at most {@link CreateOpportunity#MAX_ATTACHMENTS} files: their metadata goes with the
     * CreateOpportunity on qualification, which must stay within the message bound.
     */
    private static void requireRoom(long count) {
        if (count >= CreateOpportunity.MAX_ATTACHMENTS) {
            throw ProblemException.conflict("too-many-attachments", "the lead has " + count + " files, the most a lead can have ("
                    + CreateOpportunity.MAX_ATTACHMENTS + "); every file is listed on the opportunity when the lead is qualified",
                    Map.of("maxAttachments", CreateOpportunity.MAX_ATTACHMENTS));
        }
    }

    /** Newest first. */
    @WithSession
    public Uni<List<AttachmentView>> list(UUID leadId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(lead -> Attachment.<Attachment>list("leadId = ?1 order by createdAt desc, id desc", leadId))
                .map(found -> found.stream().map(AttachmentView::of).toList());
    }

    /** The attachment's metadata, if it is on a lead the caller may see (404 otherwise). */
    @WithSession
    public Uni<AttachmentView> find(UUID leadId, UUID attachmentId, SecurityIdentity caller) {
        return findEntity(leadId, attachmentId, caller).map(AttachmentView::of);
    }

    @WithTransaction
    public Uni<Void> remove(UUID leadId, UUID attachmentId, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return findEntity(leadId, attachmentId, caller)
                .call(a -> recorded(a, actor, HistoryAction.ATTACHMENT_REMOVED, PublicEvents.LEAD_ATTACHMENT_REMOVED))
                .call(a -> AttachmentChunks.removeWith(a.id))
                .call(a -> a.delete())
                .replaceWithVoid();
    }

    private Uni<Attachment> findEntity(UUID leadId, UUID attachmentId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(lead -> Attachment.<Attachment>findById(attachmentId))
                .map(a -> a != null && a.leadId.equals(leadId) ? a : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("attachment", attachmentId));
    }

    private Uni<Void> recorded(Attachment a, String actor, HistoryAction action, String eventType) {
        return events.changed(a.leadId, actor, action, a.fileName + " (" + a.size + " bytes, " + a.id + ")",
                eventType, eventData(a));
    }

    /** The attachment as its public events carry it (message-contracts' contract, SPEC §7): the metadata, never the bytes. */
    public static AttachmentEventData eventData(Attachment a) {
        return new AttachmentEventData(a.id, a.leadId, a.fileName, a.mediaType, a.size, a.sha256, a.note, a.createdBy, a.createdAt);
    }
}
