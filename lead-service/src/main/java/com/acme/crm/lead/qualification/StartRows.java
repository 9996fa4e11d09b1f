package com.acme.crm.lead.qualification;

import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.persistence.PlanCacheBypass;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.decisions.Attempt;
import com.acme.crm.lead.decisions.LeadFacts;
import com.acme.crm.lead.decisions.LeadStatus;
import com.acme.crm.lead.decisions.RowUpdates;
import com.acme.crm.common.persistence.JsonRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The statements of a set-based start (a bulk job's window): the leads locked and loaded with what their starts
 * decide on in one statement, the new attempts inserted in one (the leads' changes: {@link RowUpdates}). Each has one SQL
 * text whatever the number of leads (the rows travel as one JSON array), so Hibernate's plan cache is not flooded.
 * Nothing here goes through the session's entities: the window's transaction loads none.
 */
@ApplicationScoped
public class StartRows {

    @Inject
    JsonRows jsonRows;

    /** A lead to start, with the idempotency key its start carries (may be null). */
    public record Wanted(UUID leadId, String key) {
    }

    /**
     * A locked lead as the decision sees it; {@code previous} its latest attempt (null: none), {@code sameKey} its
     * attempt with the start's idempotency key (null: none, the start is not a repeat).
     */
    public record Loaded(LeadFacts lead, Attempt previous, Attempt sameKey) {
    }

    // the leads locked in id order, as every statement that locks several leads does (no deadlock between two of
    // them); for no key update: as strong against other writers of the lead, without blocking inserts that only
    // reference it (notes, history). Each lead's latest attempt and the one with the start's key come along.
    // the ids again as an array (JsonRows: a join by key names its keys), so each lead is probed by primary key
    private static final String LOCK_AND_LOAD = """
            with given as (select r, n from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) with ordinality as given(r, n))
            select l.id, l.owner_id, l.version, l.state, l.status_reason, l.closed_at, l.qualification_in_progress,
                   l.qualification_id, l.account_id, l.contact_id, l.opportunity_id, l.existing_account_id,
                   l.existing_contact_id, l.currency, l.company_name, l.website, l.industry, l.first_name, l.last_name,
                   l.job_title, l.email, l.business_phone, l.mobile_phone, l.street, l.city, l.state_or_province,
                   l.postal_code, l.country, l.topic, cast(l.budget_amount as text), l.purchase_timeframe,
                   l.purchase_process, l.decision_maker, l.description,
                   latest.status, latest.lane, same.id, same.status, same.failure_reason, same.lane, given.n
            from given
            join lead l on l.id = cast(r ->> 'leadId' as uuid)
            left join qualification latest on latest.id = l.qualification_id
            left join qualification same on same.lead_id = l.id and same.idempotency_key = r ->> 'key'
            where l.id = any(array(select cast(r ->> 'leadId' as uuid) from given))
            order by l.id
            for no key update of l""";

    /**
     * Locks the wanted leads and loads them, one statement: the answer has one element per wanted lead, in the same
     * order, null for a lead that does not exist (a lead wanted twice, by two jobs, is there twice).
     */
    public Uni<List<Loaded>> lockAndLoad(List<Wanted> wanted) {
        return Panache.getSession().chain(session -> PlanCacheBypass.bind(
                        session.createNativeQuery(LOCK_AND_LOAD, Object[].class), "rows", jsonRows.text(wanted))
                .getResultList())
                .map(rows -> {
                    List<Loaded> loaded = new ArrayList<>(Collections.nCopies(wanted.size(), null));
                    for (Object[] r : rows) {
                        LeadFacts lead = factsOf(r);
                        Attempt previous = r[34] == null ? null : trace(lead.id(), (String) r[34], (String) r[35], null, null);
                        Attempt sameKey = r[36] == null ? null
                                : trace(lead.id(), (String) r[37], (String) r[39], (UUID) r[36], (String) r[38]);
                        loaded.set(((Number) r[40]).intValue() - 1, new Loaded(lead, previous, sameKey));
                    }
                    return loaded;
                });
    }

    private static LeadFacts factsOf(Object[] r) {
        UUID id = (UUID) r[0];
        LeadStatus status = new LeadStatus(LeadState.valueOf((String) r[3]), StatusReason.of((String) r[4]), NativeValues.instant(r[5]),
                (Boolean) r[6], (UUID) r[7], (UUID) r[8], (UUID) r[9], (UUID) r[10]);
        ProspectDetails prospect = new ProspectDetails((String) r[14], (String) r[15], (String) r[16], (String) r[17],
                (String) r[18], (String) r[19], (String) r[20], (String) r[21], (String) r[22], (String) r[23],
                (String) r[24], (String) r[25], (String) r[26], (String) r[27]);
        LeadFacts.ForOpportunity forOpportunity = new LeadFacts.ForOpportunity((String) r[28],
                r[29] == null ? null : new BigDecimal((String) r[29]), (String) r[30], (String) r[31], (Boolean) r[32],
                (String) r[33]);
        return new LeadFacts(id, (String) r[1], ((Number) r[2]).longValue(), status, (UUID) r[11], (UUID) r[12],
                trimmed((String) r[13]), prospect, forOpportunity);
    }

    /**
     * What the start needs of an existing attempt: its status and lane (the lane choice), and for a repeat its id
     * and failure reason (the job's result). The rest is not read by a start.
     */
    private static Attempt trace(UUID lead, String status, String lane, UUID id, String failureReason) {
        return new Attempt(id, lead, QualificationStatus.valueOf(status), false, false, false, null, null, null, null,
                null, null, null, null, failureReason, null, null, null, null, null,
                lane == null ? Lane.BULK : Lane.valueOf(lane));
    }

    /** char(3) comes back as written; trimmed in case a shorter value was padded. */
    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    // ---- the writes --------------------------------------------------------------------------------------------

    /** One new attempt as its insert reads it from JSON. */
    record AttemptRow(UUID id, UUID leadId, String status, boolean createAccount, boolean createContact,
                      boolean createOpportunity, UUID existingAccountId, UUID existingContactId, String opportunityCurrency,
                      String duplicatePolicy, String requestedBy, String idempotencyKey, String startedAt, String deadline,
                      String lane) {

        static AttemptRow of(Attempt a) {
            return new AttemptRow(a.id(), a.leadId(), a.status().name(), a.createAccount(), a.createContact(),
                    a.createOpportunity(), a.existingAccountId(), a.existingContactId(), a.opportunityCurrency(),
                    a.duplicatePolicy().name(), a.requestedBy(), a.idempotencyKey(), a.startedAt().toString(),
                    a.deadline().toString(), a.lane().name());
        }
    }

    // a started attempt has no records, duplicates, failure or end yet; version 0 as Hibernate's first insert writes it
    private static final String INSERT_ATTEMPTS = """
            insert into qualification (id, lead_id, status, create_account, create_contact, create_opportunity,
                existing_account_id, existing_contact_id, opportunity_currency, duplicate_policy, requested_by,
                idempotency_key, started_at, deadline, lane, version)
            select cast(r ->> 'id' as uuid), cast(r ->> 'leadId' as uuid), r ->> 'status',
                   cast(r ->> 'createAccount' as boolean), cast(r ->> 'createContact' as boolean),
                   cast(r ->> 'createOpportunity' as boolean), cast(r ->> 'existingAccountId' as uuid),
                   cast(r ->> 'existingContactId' as uuid), r ->> 'opportunityCurrency', r ->> 'duplicatePolicy',
                   r ->> 'requestedBy', r ->> 'idempotencyKey', cast(r ->> 'startedAt' as timestamptz),
                   cast(r ->> 'deadline' as timestamptz), r ->> 'lane', 0
            from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) as given(r)""";

    /** Inserts new attempts ({@code IN_PROGRESS}, nothing resolved yet), one statement. */
    public Uni<Void> insertAttempts(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<AttemptRow> rows = new ArrayList<>();
        for (Attempt a : attempts) {
            if (a.status() != QualificationStatus.IN_PROGRESS || a.accountStepDone() || a.duplicates() != null) {
                throw new IllegalArgumentException("only a just started attempt is inserted here: " + a.id());
            }
            rows.add(AttemptRow.of(a));
        }
        return jsonRows.execute(INSERT_ATTEMPTS, rows).replaceWithVoid();
    }
}
