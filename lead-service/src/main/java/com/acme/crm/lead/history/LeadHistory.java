package com.acme.crm.lead.history;

import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.Now;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.persistence.JsonRows;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * Writes and reads a lead's audit trail. {@link #record} joins the caller's transaction (call it
 * inside {@code @WithTransaction}), so an entry exists exactly when the change it describes does. Within a
 * {@link WriteBehind} unit (a consumer's batch, a bulk job's window) its entries are inserted together at its
 * end, in the order recorded, in the unit's one statement of writes; elsewhere each at once, by the same insert.
 */
@ApplicationScoped
public class LeadHistory {

    @Inject
    LeadAccess access;

    @Inject
    JsonRows jsonRows;

    public Uni<Void> record(Lead lead, String actor, HistoryAction action, LeadState from, LeadState to, String details) {
        return record(lead.id, actor, action, from, to, details);
    }

    public Uni<Void> record(UUID leadId, String actor, HistoryAction action, LeadState from, LeadState to, String details) {
        return WriteBehind.add(insert, Row.of(leadId, actor, action, from, to, details));
    }

    /** As {@link #record(UUID, String, HistoryAction, LeadState, LeadState, String)}, for a work that ends at once: only inside a WriteBehind unit. */
    public void queue(UUID leadId, String actor, HistoryAction action, LeadState from, LeadState to, String details) {
        WriteBehind.queue(insert, Row.of(leadId, actor, action, from, to, details));
    }

    /** One entry as its insert reads it from JSON. */
    record Row(UUID leadId, String at, String actor, HistoryAction action, String fromState, String toState, String details) {

        static Row of(UUID leadId, String actor, HistoryAction action, LeadState from, LeadState to, String details) {
            return new Row(leadId, Now.instant().toString(), actor, action, from == null ? null : from.name(),
                    to == null ? null : to.name(), details);
        }
    }

    // ids from the sequence in the rows' order (a tie of "at" is ordered by id); one SQL text whatever the count
    private static final String INSERT = """
            insert into lead_history (id, lead_id, at, actor, action, from_state, to_state, details)
            select nextval('lead_history_seq'), cast(r ->> 'leadId' as uuid), cast(r ->> 'at' as timestamptz),
                   r ->> 'actor', r ->> 'action', r ->> 'fromState', r ->> 'toState', r ->> 'details'
            from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) with ordinality as given(r, n)
            order by n""";

    // joinable: the insert reads no other writer's rows (the lead's key is checked at the statement's end)
    private final WriteBehind.Joinable<Row> insert = (session, rows) -> jsonRows.statement(INSERT, rows);

    /** Oldest first, of a lead the caller may see (404 otherwise). */
    @WithSession
    public Uni<List<HistoryEntryView>> of(UUID leadId, SecurityIdentity caller) {
        return access.findVisible(leadId, caller)
                .chain(lead -> LeadHistoryEntry.ofLead(leadId))
                .map(entries -> entries.stream().map(HistoryEntryView::of).toList());
    }
}
