package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.common.api.ProblemException;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.lead.Lead;
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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bulk qualification jobs (SPEC §6): making a job records one row per lead; {@link BulkJobRunner}
 * starts the attempts a few at a time and the saga reports each outcome back here.
 */
@ApplicationScoped
public class BulkJobs {

    public static final int MAX_LEADS = 10_000;
    private static final int INSERT_CHUNK = 1_000;

    @Inject
    LeadAccess access;

    @Inject
    LeadQualificationSettings settings;

    @WithTransaction
    public Uni<QualifyJobView> create(QualifyJobRequest request, SecurityIdentity caller) {
        List<UUID> leadIds = List.copyOf(new LinkedHashSet<>(request.leadIds())); // a lead listed twice runs once
        DuplicatePolicy policy = request.duplicatePolicy() == null ? DuplicatePolicy.REPORT : request.duplicatePolicy();
        return settings.createRecordsByDefault().chain(createsRecords -> {
            if (!createsRecords) {
                throw ProblemException.conflict("bulk-needs-default-records",
                        "bulk jobs use the default record creation, and createRecordsByDefault is false");
            }
            return Lead.<Lead>list("id in ?1", leadIds);
        }).chain(found -> {
            Set<UUID> visible = found.stream().filter(lead -> access.canSee(lead, caller))
                    .map(lead -> lead.id).collect(Collectors.toSet());
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
                    .chain(() -> insertLeads(jobId, leadIds, visible))
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

    /** Called by the saga in its transaction when an attempt of a job ends. */
    public Uni<Void> attemptFinished(Qualification q) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update qualify_job_lead set status = :status, detail = :detail where qualification_id = :id")
                .setParameter("status", q.status.name())
                .setParameter("detail", q.failureReason)
                .setParameter("id", q.id)
                .executeUpdate()).replaceWithVoid();
    }

    /** A job as stored: its view and who asked for it (only they, managers and admins may read it). */
    private record Snapshot(String requestedBy, QualifyJobView view) {
    }

    private Uni<Void> insertLeads(UUID jobId, List<UUID> leadIds, Set<UUID> visible) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < leadIds.size(); from += INSERT_CHUNK) {
            List<UUID> chunk = leadIds.subList(from, Math.min(leadIds.size(), from + INSERT_CHUNK));
            int offset = from;
            chain = chain.chain(() -> insertChunk(jobId, chunk, offset, visible));
        }
        return chain;
    }

    /** One multi-row insert per chunk; the values are UUIDs and numbers we made, never client text. */
    private Uni<Void> insertChunk(UUID jobId, List<UUID> chunk, int offset, Set<UUID> visible) {
        List<String> rows = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            UUID lead = chunk.get(i);
            rows.add(visible.contains(lead)
                    ? "('" + jobId + "','" + lead + "'," + (offset + i) + ",'PENDING',null)"
                    : "('" + jobId + "','" + lead + "'," + (offset + i) + ",'FAILED','lead " + lead + " does not exist')");
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into qualify_job_lead (job_id, lead_id, position, status, detail) values "
                                + String.join(",", rows))
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
                    Uni<List<QualifyJobView.LeadResult>> results = withResults ? results(jobId) : Uni.createFrom().nullItem();
                    return results.map(list -> new Snapshot((String) r[0], new QualifyJobView(jobId,
                            r[5] == null ? "RUNNING" : "FINISHED",
                            ((Number) r[3]).intValue(), count(r[6]), count(r[7]), count(r[8]), count(r[9]), count(r[10]),
                            (String) r[1], (String) r[2], instant(r[4]), instant(r[5]), list)));
                });
    }

    private Uni<List<QualifyJobView.LeadResult>> results(UUID jobId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                select lead_id, status, qualification_id, detail from qualify_job_lead
                                where job_id = :id order by position""", Object[].class)
                        .setParameter("id", jobId)
                        .getResultList())
                .map(rows -> rows.stream().map(r -> new QualifyJobView.LeadResult((UUID) r[0],
                        "STARTING".equals(r[1]) ? "IN_PROGRESS" : (String) r[1], (UUID) r[2], (String) r[3])).toList());
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
