package com.acme.crm.lead.decisions;

import com.acme.crm.lead.Lead;
import com.acme.crm.lead.qualification.Qualification;
import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.common.persistence.WriteStatement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The set-based updates of leads and attempts: one statement per table for all the rows a unit changed (a reply
 * batch, a timeout sweep, a bulk window's starts), rows as one JSON array, one SQL text whatever their number.
 * Each row names the version it was loaded with and how many changes it carries: the version steps by that many,
 * as one update per change would have, so every event's version is the stored one; a row whose version moved
 * since is not touched, and the statement fails the transaction (as Hibernate's optimistic check would). The rows
 * go in id order (as the array is read, PostgreSQL locks them), like every statement here that locks several leads.
 */
@ApplicationScoped
public class RowUpdates {

    @Inject
    JsonRows jsonRows;

    /** A lead's status and who changed it when, over the version it was loaded with. */
    public record LeadRow(UUID id, long version, int changes, String state, String statusReason, String closedAt,
                          boolean qualifying, UUID qualificationId, UUID accountId, UUID contactId, UUID opportunityId,
                          String modifiedAt, String modifiedBy) {

        /** A lead as loaded ({@code before}) with the status and touch one decision gives it. */
        public static LeadRow of(LeadFacts before, LeadStatus after, Decision.Touch touch) {
            return new LeadRow(before.id(), before.version(), 1, after.state().name(), after.reason().code(),
                    text(after.closedAt()), after.qualifying(), after.qualificationId(), after.accountId(), after.contactId(),
                    after.opportunityId(), text(touch.at()), touch.by());
        }

        /** A lead entity's columns as the decisions left them, over {@code loaded}. */
        static LeadRow of(Lead lead, long loaded, int changes) {
            return new LeadRow(lead.id, loaded, changes, lead.state.name(), lead.statusReason.code(), text(lead.closedAt),
                    lead.qualificationInProgress, lead.qualificationId, lead.accountId, lead.contactId, lead.opportunityId,
                    text(lead.modifiedAt), lead.modifiedBy);
        }
    }

    /** The columns of an attempt that its replies and timeout change. */
    record AttemptRow(UUID id, long version, int changes, String status, UUID accountId, UUID contactId,
                      UUID opportunityId, String duplicates, String failureReason, String finishedAt) {

        static AttemptRow of(Qualification q, long loaded, int changes) {
            return new AttemptRow(q.id, loaded, changes, q.status.name(), q.accountId, q.contactId, q.opportunityId,
                    q.duplicates, q.failureReason, text(q.finishedAt));
        }
    }

    // the ids again as an array (JsonRows: a join by key names its keys), so the lead and attempt are probed by primary key
    private static final String UPDATE_LEADS = """
            with given as (select r from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) as given(r))
            update lead l
            set state = r ->> 'state', status_reason = r ->> 'statusReason', closed_at = cast(r ->> 'closedAt' as timestamptz),
                qualification_in_progress = cast(r ->> 'qualifying' as boolean),
                qualification_id = cast(r ->> 'qualificationId' as uuid), account_id = cast(r ->> 'accountId' as uuid),
                contact_id = cast(r ->> 'contactId' as uuid), opportunity_id = cast(r ->> 'opportunityId' as uuid),
                modified_at = cast(r ->> 'modifiedAt' as timestamptz), modified_by = r ->> 'modifiedBy',
                version = l.version + cast(r ->> 'changes' as int)
            from given
            where l.id = any(array(select cast(r ->> 'id' as uuid) from given))
              and l.id = cast(r ->> 'id' as uuid) and l.version = cast(r ->> 'version' as bigint)""";

    private static final String UPDATE_ATTEMPTS = """
            with given as (select r from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) as given(r))
            update qualification q
            set status = r ->> 'status', account_id = cast(r ->> 'accountId' as uuid),
                contact_id = cast(r ->> 'contactId' as uuid), opportunity_id = cast(r ->> 'opportunityId' as uuid),
                duplicates = cast(r ->> 'duplicates' as jsonb), failure_reason = r ->> 'failureReason',
                finished_at = cast(r ->> 'finishedAt' as timestamptz),
                version = q.version + cast(r ->> 'changes' as int)
            from given
            where q.id = any(array(select cast(r ->> 'id' as uuid) from given))
              and q.id = cast(r ->> 'id' as uuid) and q.version = cast(r ->> 'version' as bigint)""";

    /** One update per lead (give each lead once), one statement, now. */
    public Uni<Void> updateLeads(List<LeadRow> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : Panache.getSession().chain(session -> leads(rows).run(session));
    }

    /** The same statement, not run (rows not empty): a unit's end joins it with its other writes. */
    WriteStatement leads(List<LeadRow> rows) {
        return update(UPDATE_LEADS, rows.stream().sorted(Comparator.comparing(LeadRow::id)).toList(), "lead");
    }

    /** One update per attempt (give each attempt once), one statement, not run (rows not empty). */
    WriteStatement attempts(List<AttemptRow> rows) {
        return update(UPDATE_ATTEMPTS, rows.stream().sorted(Comparator.comparing(AttemptRow::id)).toList(), "attempt");
    }

    private WriteStatement update(String sql, List<?> rows, String what) {
        return jsonRows.statement(sql, rows).checked(updated -> {
            if (updated != rows.size()) {
                // as Hibernate's own check reports it: a lost race, retried (FailureClassifier: transient)
                throw new OptimisticLockException("a " + what + " changed since it was loaded in this transaction ("
                        + updated + " of " + rows.size() + " updated)");
            }
        });
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
