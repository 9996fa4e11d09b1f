package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.paging.Page;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.qualification.Qualification;
import com.acme.crm.lead.settings.LeadQualificationSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Bulk qualification jobs (SPEC §6): making a job records one row per lead; {@link BulkJobRunner}
 * starts the attempts a few at a time and the saga reports each outcome back here.
 */
@ApplicationScoped
public class BulkJobs {

    public static final int MAX_LEADS = 100_000;

    @Inject
    LeadAccess access;

    @Inject
    LeadQualificationSettings settings;

    @Inject
    JsonRows jsonRows;

    @Inject
    BulkJobRunner runner;

    @WithTransaction
    public Uni<QualifyJobView> create(QualifyJobRequest request, SecurityIdentity caller) {
        List<UUID> leadIds = List.copyOf(new LinkedHashSet<>(request.leadIds())); // a lead listed twice runs once
        DuplicatePolicy policy = request.duplicatePolicy() == null ? DuplicatePolicy.REPORT : request.duplicatePolicy();
        return settings.createRecordsByDefault().chain(createsRecords -> {
            if (!createsRecords) {
                throw ProblemException.conflict("bulk-needs-default-records",
                        "bulk jobs use the default record creation, and createRecordsByDefault is false");
            }
            UUID jobId = UUID.randomUUID();
            JobSubmitter submitter = JobSubmitter.of(caller);
            return Panache.getSession().chain(session -> session.createNativeQuery("""
                            insert into qualify_job (id, requested_by, requested_by_roles, opportunity_currency, duplicate_policy, total, created_at)
                            values (:id, :by, :roles, :currency, :policy, :total, now())""")
                    .setParameter("id", jobId)
                    .setParameter("by", submitter.userId())
                    .setParameter("roles", submitter.storedRoles())
                    .setParameter("currency", request.opportunityCurrency())
                    .setParameter("policy", policy.name())
                    .setParameter("total", leadIds.size())
                    .executeUpdate())
                    .chain(() -> insertLeads(jobId, leadIds, caller))
                    .chain(() -> view(jobId, false))
                    .map(Snapshot::view);
        });
    }

    @WithSession
    public Uni<QualifyJobView> get(UUID jobId, boolean withResults, SecurityIdentity caller) {
        return view(jobId, withResults).map(job -> {
            if (!access.seesEveryLead(caller) && !job.requestedBy().equals(LeadAccess.userId(caller))) {
                throw ProblemException.notFound("qualify job", jobId);
            }
            return job.view();
        });
    }

    /**
     * Called by the saga in its transaction when an attempt ends. Within a {@link WriteBehind} unit (a reply batch)
     * the batch's ends are written by one statement at its end. An attempt that no job row can name (a single
     * call's, {@link #mayBelongToJob}) writes nothing: the update would find no row.
     */
    public Uni<Void> attemptFinished(Qualification q) {
        if (!mayBelongToJob(q.idempotencyKey)) {
            return Uni.createFrom().voidItem();
        }
        freesItsPlace();
        return WriteBehind.add(finished, new Finished(q.id, q.status.name(), q.failureReason));
    }

    /** As {@link #attemptFinished}, for a work that ends at once: the job row's update waits in the running WriteBehind unit. */
    public void queueAttemptFinished(Qualification q) {
        if (mayBelongToJob(q.idempotencyKey)) {
            freesItsPlace();
            WriteBehind.queue(finished, new Finished(q.id, q.status.name(), q.failureReason));
        }
    }

    /**
     * The attempt's place in the window is free once its end commits: counted then towards the runner's refill (outside
     * a {@link WriteBehind} unit at once: an early count can only wake a claim that finds the place not free yet).
     */
    private void freesItsPlace() {
        WriteBehind.afterCommit(runner::placeFreed);
    }

    private static final String JOB_KEY_PREFIX = "job:";

    /** The idempotency key a job's lead starts its attempt with: a repeated start finds the same attempt by it. */
    static String attemptKey(UUID jobId) {
        return JOB_KEY_PREFIX + jobId;
    }

    /**
     * Whether a job row may name the attempt with this idempotency key. A job row is given an attempt only by its
     * runner's start, which starts it, or finds it again, under {@link #attemptKey} (BulkJobRunner's results), so
     * an attempt under any other key, or none, belongs to no job. Its lane is no proof: an attempt follows a failed
     * attempt's lane, a job's into the interactive one too. A single call's caller may choose a key that looks like
     * a job's: its end then runs the update, which finds no row, as every end did before.
     */
    static boolean mayBelongToJob(String idempotencyKey) {
        return idempotencyKey != null && idempotencyKey.startsWith(JOB_KEY_PREFIX);
    }

    /** An ended attempt as the update reads it from JSON. */
    record Finished(UUID id, String status, String detail) {
    }

    // the attempts again as an array (JsonRows: a join by key names its keys), so the rows are probed by their index
    private static final String FINISHED = """
            with given as (select r from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) as given(r))
            update qualify_job_lead l set status = r ->> 'status', detail = r ->> 'detail'
            from given
            where l.qualification_id = any(array(select cast(r ->> 'id' as uuid) from given))
              and l.qualification_id = cast(r ->> 'id' as uuid)""";

    // joinable with the unit's other writes: none of them changes or reads these rows. The runner's results (a plain
    // writer: they may name the row an end of the same window names) are written before or after, in their order.
    private final WriteBehind.Joinable<Finished> finished = (session, rows) -> jsonRows.statement(FINISHED, rows);

    /** A job as stored: its view and who asked for it (only they, managers and admins may read it). */
    private record Snapshot(String requestedBy, QualifyJobView view) {
    }

    /**
     * One row per lead, set-based: the ids travel as one text parameter and are joined to the lead
     * table in the database, so 100,000 leads are one statement, not 100,000 loads. A lead that does
     * not exist or that the submitter may not see fails at once with the same words (SPEC §8: no
     * existence leak); its rights are checked again when it starts.
     */
    private Uni<Void> insertLeads(UUID jobId, List<UUID> leadIds, SecurityIdentity caller) {
        String ids = NativeValues.uuidArray(leadIds);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into qualify_job_lead (job_id, lead_id, position, status, detail)
                        select :job, given.id, given.n - 1,
                               case when visible.id is null then 'FAILED' else 'PENDING' end,
                               case when visible.id is null then 'lead ' || given.id || ' does not exist' end
                        from unnest(cast(cast(:ids as text) as uuid[])) with ordinality as given(id, n)
                        left join lead visible on visible.id = given.id and (:everyLead or visible.owner_id = :me)""")
                .setParameter("job", jobId)
                .setParameter("ids", ids)
                .setParameter("everyLead", access.seesEveryLead(caller))
                .setParameter("me", LeadAccess.userId(caller))
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Snapshot> view(UUID jobId, boolean withResults) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                select j.requested_by, j.opportunity_currency, j.duplicate_policy, j.total, j.created_at, j.finished_at,
                                  count(*) filter (where l.status = 'COMPLETED'),
                                  count(*) filter (where l.status = 'FAILED'),
                                  count(*) filter (where l.status = 'DUPLICATES_FOUND'),
                                  count(*) filter (where l.status in ('STARTING', 'IN_PROGRESS')),
                                  count(*) filter (where l.status = 'PENDING')
                                from qualify_job j join qualify_job_lead l on l.job_id = j.id
                                where j.id = :id
                                group by j.id""", Object[].class)
                        .setParameter("id", jobId)
                        .getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("qualify job", jobId);
                    }
                    Object[] r = rows.get(0);
                    // the first page only: a job of 100,000 leads pages the rest (GET .../results)
                    Uni<Page<QualifyJobView.LeadResult>> results = withResults
                            ? JobResults.page(jobId, null, JobResults.DEFAULT_LIMIT, null) : Uni.createFrom().nullItem();
                    return results.map(page -> new Snapshot((String) r[0], new QualifyJobView(jobId,
                            r[5] == null ? "RUNNING" : "FINISHED",
                            ((Number) r[3]).intValue(), count(r[6]), count(r[7]), count(r[8]), count(r[9]), count(r[10]),
                            (String) r[1], (String) r[2], NativeValues.instant(r[4]), NativeValues.instant(r[5]),
                            page == null ? null : page.items(), page == null ? null : page.nextCursor())));
                });
    }

    /** A page of the job's per-lead results, to whoever may read the job. */
    @WithSession
    public Uni<Page<QualifyJobView.LeadResult>> results(UUID jobId, String status, int limit, String cursor, SecurityIdentity caller) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select requested_by from qualify_job where id = :id", String.class)
                        .setParameter("id", jobId)
                        .getResultList())
                .chain(requestedBy -> {
                    if (requestedBy.isEmpty()
                            || !access.seesEveryLead(caller) && !requestedBy.get(0).equals(LeadAccess.userId(caller))) {
                        throw ProblemException.notFound("qualify job", jobId);
                    }
                    return JobResults.page(jobId, status, limit, cursor);
                });
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }

}
