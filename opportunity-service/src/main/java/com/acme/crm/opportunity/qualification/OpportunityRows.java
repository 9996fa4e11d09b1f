package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.common.persistence.WriteStatement;
import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.StakeholderRef;
import com.acme.crm.opportunity.Opportunity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the step writes, as one statement: new opportunities with the first notes, stakeholders and files their
 * commands bring (one or a whole batch's), or a chunk of notes. The rows go as one JSON document bound to one
 * parameter ({@link JsonRows}), so the statement has one SQL text whatever the number of rows: Hibernate parses and
 * binds one value instead of 19 an opportunity and 5 a note, and PostgreSQL parses one short statement (docs/
 * performance.md, "Issue 9, tenth step"). A note already stored at its position (a repeated chunk) is skipped. Rows
 * may reference an opportunity inserted beside them: PostgreSQL checks foreign keys at the statement's end. The
 * columns are those of {@link Opportunity}, {@code OpportunityNote}, {@code OpportunityStakeholder} and
 * {@code OpportunityAttachment}.
 */
@ApplicationScoped
public class OpportunityRows {

    private static final String INSERT = """
            with given as (select cast(cast(:rows as text) as jsonb) as r),
            new_opportunity as (
                insert into opportunity (id, name, account_id, contact_id, currency, estimated_value, purchase_timeframe,
                                         purchase_process, decision_maker, description, stage, owner_id, originating_lead_id,
                                         created_by_qualification, note_count, confirmed_at, created_at, modified_at, version)
                select cast(o ->> 'id' as uuid), o ->> 'name', cast(o ->> 'accountId' as uuid), cast(o ->> 'contactId' as uuid),
                       o ->> 'currency', cast(o ->> 'estimatedValue' as numeric), o ->> 'purchaseTimeframe',
                       o ->> 'purchaseProcess', cast(o ->> 'decisionMaker' as boolean), o ->> 'description', o ->> 'stage',
                       o ->> 'ownerId', cast(o ->> 'originatingLeadId' as uuid), cast(o ->> 'createdByQualification' as uuid),
                       cast(o ->> 'noteCount' as integer), cast(o ->> 'confirmedAt' as timestamptz),
                       cast(o ->> 'createdAt' as timestamptz), cast(o ->> 'modifiedAt' as timestamptz), cast(o ->> 'version' as bigint)
                from given, jsonb_array_elements(given.r -> 'opportunities') as opportunities(o)),
            new_note as (
                insert into opportunity_note (opportunity_id, note_position, text, author, created_at)
                select cast(n ->> 'opportunityId' as uuid), cast(n ->> 'position' as integer), n ->> 'text', n ->> 'author',
                       cast(n ->> 'createdAt' as timestamptz)
                from given, jsonb_array_elements(given.r -> 'notes') as notes(n)
                on conflict (opportunity_id, note_position) do nothing),
            new_stakeholder as (
                insert into opportunity_stakeholder (id, opportunity_id, position, contact_id, role)
                select cast(s ->> 'id' as uuid), cast(s ->> 'opportunityId' as uuid), cast(s ->> 'position' as integer),
                       cast(s ->> 'contactId' as uuid), s ->> 'role'
                from given, jsonb_array_elements(given.r -> 'stakeholders') as stakeholders(s))
            insert into opportunity_attachment (id, opportunity_id, position, attachment_id, file_name, media_type, size, sha256)
            select cast(f ->> 'id' as uuid), cast(f ->> 'opportunityId' as uuid), cast(f ->> 'position' as integer),
                   cast(f ->> 'attachmentId' as uuid), f ->> 'fileName', f ->> 'mediaType', cast(f ->> 'size' as bigint), f ->> 'sha256'
            from given, jsonb_array_elements(given.r -> 'files') as files(f)""";

    @Inject
    JsonRows jsonRows;

    /** A new opportunity with what its command brings (first notes, stakeholders, files), to be written. */
    record NewOpportunity(Opportunity opportunity, CreateOpportunity command) {
    }

    /** An opportunity's columns as the statement reads them (the amount as plain text: numeric reads it exactly). */
    record OpportunityRow(UUID id, String name, UUID accountId, UUID contactId, String currency, String estimatedValue,
                          String purchaseTimeframe, String purchaseProcess, Boolean decisionMaker, String description,
                          String stage, String ownerId, UUID originatingLeadId, UUID createdByQualification, int noteCount,
                          String confirmedAt, String createdAt, String modifiedAt, long version) {

        static OpportunityRow of(Opportunity o) {
            return new OpportunityRow(o.id, o.name, o.accountId, o.contactId, o.currency,
                    o.estimatedValue == null ? null : o.estimatedValue.toPlainString(), o.purchaseTimeframe, o.purchaseProcess,
                    o.decisionMaker, o.description, o.stage.name(), o.ownerId, o.originatingLeadId, o.createdByQualification,
                    o.noteCount, text(o.confirmedAt), text(o.createdAt), text(o.modifiedAt), o.version);
        }
    }

    record NoteRow(UUID opportunityId, int position, String text, String author, String createdAt) {
    }

    record StakeholderRow(UUID id, UUID opportunityId, int position, UUID contactId, String role) {
    }

    record FileRow(UUID id, UUID opportunityId, int position, UUID attachmentId, String fileName, String mediaType,
                   long size, String sha256) {
    }

    /** The statement's one document: every table's rows. */
    record Rows(List<OpportunityRow> opportunities, List<NoteRow> notes, List<StakeholderRow> stakeholders,
                List<FileRow> files) {

        static Rows empty() {
            return new Rows(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * New opportunities with their first notes, stakeholders and files, in one statement, not run: for the new
     * opportunities' {@link com.acme.crm.common.persistence.WriteBehind.Joinable} writer, which runs it alone or joined
     * (it reads no other writer's rows: the notes' conflict check reads only notes, which no other writer of a batch's
     * end inserts; a chunk writes its notes at once).
     */
    WriteStatement statement(List<NewOpportunity> opportunities) {
        return jsonRows.statement(INSERT, rows(opportunities));
    }

    private static Rows rows(List<NewOpportunity> opportunities) {
        Rows rows = Rows.empty();
        for (NewOpportunity o : opportunities) {
            UUID id = o.opportunity().id;
            rows.opportunities().add(OpportunityRow.of(o.opportunity()));
            addNotes(rows, id, 0, o.command().firstNotes());
            List<StakeholderRef> stakeholders = o.command().stakeholdersOrNone();
            for (int i = 0; i < stakeholders.size(); i++) {
                rows.stakeholders().add(new StakeholderRow(UUID.randomUUID(), id, i, stakeholders.get(i).contactId(),
                        stakeholders.get(i).role()));
            }
            List<AttachmentRef> files = o.command().attachmentsOrNone();
            for (int i = 0; i < files.size(); i++) {
                AttachmentRef file = files.get(i);
                rows.files().add(new FileRow(UUID.randomUUID(), id, i, file.id(), file.fileName(), file.mediaType(), file.size(),
                        file.sha256()));
            }
        }
        return rows;
    }

    /** Stores {@code notes} at positions {@code first}, {@code first + 1}, …; positions already stored (a repeat) are skipped. */
    Uni<Void> notes(UUID opportunityId, int first, List<CopiedNote> notes) {
        Rows rows = Rows.empty();
        addNotes(rows, opportunityId, first, notes);
        return jsonRows.execute(INSERT, rows).replaceWithVoid();
    }

    private static void addNotes(Rows rows, UUID opportunityId, int first, List<CopiedNote> notes) {
        for (int i = 0; i < notes.size(); i++) {
            CopiedNote note = notes.get(i);
            rows.notes().add(new NoteRow(opportunityId, first + i, note.text(), note.author(), text(note.createdAt())));
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
