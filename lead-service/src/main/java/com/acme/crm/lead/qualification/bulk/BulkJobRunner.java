package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.messaging.InteractivePriority;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.lead.qualification.QualificationStarter;
import com.acme.crm.lead.decisions.Attempt;
import com.acme.crm.lead.decisions.QualifyChoices;
import com.acme.crm.lead.qualification.QualificationStarter.JobStart;
import com.acme.crm.lead.qualification.QualificationStarter.Start;
import com.acme.crm.common.persistence.PlanCacheBypass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.UUID;

/**
 * Starts the attempts of bulk jobs, a window at a time: at most {@code crm.bulk.window} job
 * attempts run at once across all jobs and replicas, so a job of 10,000 leads puts at most
 * that many commands ahead of a single qualification in the other services' queues. Replicas
 * take turns to claim (a transaction-scoped advisory lock around counting and claiming), so two
 * of them never both see the same free places; a replica that finds the lock taken skips its tick.
 *
 * <p>It claims only once a share of the window is free ({@code crm.bulk.refill-share}, {@link WindowRefill}), so the
 * starts, and every downstream batch after them, come a half window or more at a time; it is woken for that besides
 * its tick, by a submission and by the ends of attempts that freed that share on this replica.
 *
 * <p>Crash-safe: a lead is first claimed (STARTING), then its attempt starts with the
 * idempotency key {@code job:<jobId>} in the transaction that marks the row IN_PROGRESS. A claim
 * left by a crash is released after {@code crm.bulk.claim-timeout} (a start takes milliseconds)
 * and the next claim finds the same attempt by its key if it had started.
 */
@ApplicationScoped
public class BulkJobRunner {

    private static final Logger LOG = Logger.getLogger(BulkJobRunner.class);
    /** Any fixed number outside the int range of the hashtext(...) keys other locks of this database use. */
    static final long CLAIM_LOCK = 7_413_289_100L;

    @Inject
    QualificationStarter starter;

    @Inject
    InteractivePriority priority;

    @Inject
    JsonRows jsonRows;

    @ConfigProperty(name = "crm.bulk.window", defaultValue = "50")
    int window;

    @ConfigProperty(name = "crm.bulk.claim-timeout", defaultValue = "PT20S")
    Duration claimTimeout;

    @ConfigProperty(name = "crm.bulk.tick", defaultValue = "PT0.2S")
    Duration tickEvery;

    @ConfigProperty(name = "crm.bulk.refill-share", defaultValue = "0.5")
    double refillShare;

    /** One claimed lead of a job, with what its attempt needs. */
    record Claim(UUID jobId, UUID leadId, JobSubmitter submitter, String currency, DuplicatePolicy policy) {
    }

    @Inject
    Vertx vertx;

    private WindowRefill refill;
    private final AtomicBoolean ticking = new AtomicBoolean();
    /** A wake that came while a tick ran: tick once more when it ends. */
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Context context;
    private long timer = -1;

    @PostConstruct
    void create() {
        refill = new WindowRefill(window, refillShare);
    }

    /**
     * Ticks every {@code crm.bulk.tick} (Quarkus' scheduler does not go below a second), and when woken ({@link #wake}),
     * on a Vert.x context of its own as Hibernate Reactive requires; a timer's tick that finds one running skips.
     */
    void start(@Observes StartupEvent event) {
        Context own = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(own, true);
        context = own;
        timer = vertx.setPeriodic(tickEvery.toMillis(), id -> own.runOnContext(ignored -> {
            if (ticking.compareAndSet(false, true)) {
                runTick();
            }
        }));
    }

    /** A job was submitted (its transaction has committed): its first window starts now, not at the next tick. */
    public void submitted() {
        if (refill.wakes()) {
            wake();
        }
    }

    /**
     * An attempt of a job ended and its transaction has committed: its place is free. Once such ends on this replica
     * have freed the share of the window a claim needs, the runner claims now rather than at its next tick.
     */
    public void placeFreed() {
        if (refill.freed(1)) {
            wake();
        }
    }

    /** A tick now, on the runner's context; one running now is followed by one more (the places freed during it). */
    private void wake() {
        Context own = context;
        if (own == null) {
            return; // not started yet: the timer's first tick comes
        }
        own.runOnContext(ignored -> {
            if (ticking.compareAndSet(false, true)) {
                runTick();
            } else {
                again.set(true);
            }
        });
    }

    private void runTick() {
        again.set(false);
        tick().subscribe().with(done -> ticked(), failure -> ticked());
    }

    /** On the runner's context, as every tick and wake, so a wake is never lost between "again?" and "done". */
    private void ticked() {
        context.runOnContext(ignored -> {
            if (again.get()) {
                runTick();
            } else {
                ticking.set(false);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    Uni<Void> tick() {
        return Uni.createFrom().voidItem().invoke(refill::looking)
                .chain(() -> Panache.withTransaction(this::claim))
                .chain(this::startAll)
                .chain(() -> Panache.withTransaction(this::finishJobs))
                .onFailure().invoke(failure -> LOG.warnf("bulk job runner: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Only the replica holding the claim lock counts and claims; the lock is released when the transaction ends. */
    private Uni<List<Claim>> claim() {
        // every tick: kept out of Hibernate's plan cache, which cannot find a native select again (PlanCacheBypass)
        return Panache.getSession().chain(session -> PlanCacheBypass.bind(
                        session.createNativeQuery("select pg_try_advisory_xact_lock(:lock)", Boolean.class), "lock", CLAIM_LOCK)
                .getSingleResult()
                .chain(locked -> locked ? claimWithinWindow() : Uni.createFrom().item(List.<Claim>of())));
    }

    private Uni<List<Claim>> claimWithinWindow() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                update qualify_job_lead set status = 'PENDING', claimed_at = null
                                where status = 'STARTING' and claimed_at < now() - make_interval(secs => :timeout)""")
                        .setParameter("timeout", (double) claimTimeout.toSeconds())
                        .executeUpdate()
                        // every tick: kept out of Hibernate's plan cache, like the lock above
                        .chain(() -> PlanCacheBypass.bind(session.createNativeQuery("""
                                        with running as (
                                          select count(*) as n from qualify_job_lead l join qualify_job j on j.id = l.job_id
                                          where j.finished_at is null and l.status in ('STARTING', 'IN_PROGRESS')),
                                        free as (
                                          select greatest(0, :window - n) as n from running),
                                        next as (
                                          select l.job_id, l.lead_id from qualify_job_lead l join qualify_job j on j.id = l.job_id
                                          where j.finished_at is null and l.status = 'PENDING'
                                          order by j.created_at, l.position
                                          limit (select case when n >= :least then n else 0 end from free)
                                          for update of l skip locked),
                                        claimed as (
                                          update qualify_job_lead l set status = 'STARTING', claimed_at = now()
                                          from next, qualify_job j
                                          where l.job_id = next.job_id and l.lead_id = next.lead_id and j.id = l.job_id
                                          returning l.job_id, l.lead_id, j.requested_by, j.requested_by_roles, j.opportunity_currency, j.duplicate_policy)
                                        select claimed.*, free.n from free left join claimed on true""",
                                Object[].class), "window", window)
                        .setParameter("least", refill.least())
                        .getResultList()))
                .map(rows -> {
                    // one row with the free places, and the claimed leads if any (none when too few places were free)
                    List<Claim> claims = rows.stream().filter(r -> r[0] != null).map(r -> new Claim((UUID) r[0], (UUID) r[1],
                            JobSubmitter.stored((String) r[2], (String) r[3]), (String) r[4], DuplicatePolicy.valueOf((String) r[5]))).toList();
                    refill.looked(((Number) rows.get(0)[6]).intValue() - claims.size());
                    return claims;
                });
    }

    /**
     * The window's starts in one transaction, one commit for all of them, set-based (the leads locked and loaded in
     * one statement, the attempts and the leads' changes written in one statement each: {@link
     * QualificationStarter#startForJobs}); a lead that cannot be qualified is recorded as failed in it too. If the
     * transaction fails (a database fault, a lost race), each lead starts again in a transaction of its own, so one
     * lead's fault never holds up the others; their claims make the retry safe.
     */
    private Uni<Void> startAll(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LOG.debugf("claimed %d lead(s) of bulk jobs", claims.size());
        // one unit: the window's history entries, commands, events and results are written together at its end
        // a window of starts gives way, like a bulk consumer batch, while a user's qualification is being handled
        return priority.inBulkTurn(() -> WriteBehind.inTransaction(() -> start(claims)))
                .onFailure().recoverWithUni(failure -> {
                    LOG.infof("starting %d claimed lead(s) together failed (%s); starting each on its own",
                            claims.size(), failure.getMessage());
                    // one transaction each: the saga can report the attempt's end only to a row that already names it
                    return InOrder.each(claims, claim -> WriteBehind.inTransaction(() -> start(List.of(claim))));
                });
    }

    /** The claims' starts and their results, in the running transaction. */
    private Uni<Void> start(List<Claim> claims) {
        return starter.startForJobs(claims.stream().map(BulkJobRunner::startOf).toList()).chain(outcomes ->
                InOrder.eachIndex(claims.size(), i -> outcomes.get(i).attempt() != null
                        ? record(claims.get(i), outcomes.get(i).attempt()) : refusal(claims.get(i), outcomes.get(i).refusal())));
    }

    private static JobStart startOf(Claim claim) {
        QualifyChoices choices = new QualifyChoices(null, null, null, null, null, claim.currency(), null);
        return new JobStart(new Start(claim.leadId(), choices, claim.policy(), BulkJobs.attemptKey(claim.jobId())), claim.submitter());
    }

    private Uni<Void> record(Claim claim, Attempt attempt) {
        return WriteBehind.add(results, new Result(claim.jobId(), claim.leadId(), attempt.status().name(), attempt.id(),
                attempt.failureReason()));
    }

    /** The lead could not be qualified at all (closed, already being qualified, deleted, no longer the submitter's to see). */
    private Uni<Void> refusal(Claim claim, String reason) {
        return WriteBehind.add(results, new Result(claim.jobId(), claim.leadId(), "FAILED", null,
                reason.length() > 500 ? reason.substring(0, 500) : reason));
    }

    /** What became of a claimed lead, as the update reads it from JSON: its attempt, or why there is none. */
    record Result(UUID jobId, UUID leadId, String status, UUID attempt, String detail) {
    }

    // a window's results in one statement at the end of its transaction (one SQL text whatever their number);
    // a refusal keeps the row's qualification_id (none); the keys again as arrays (JsonRows: a join by key names its
    // keys), so the rows are probed by primary key
    private static final String RESULTS = """
            with given as (select r from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) as given(r))
            update qualify_job_lead l
            set status = r ->> 'status', qualification_id = coalesce(cast(r ->> 'attempt' as uuid), l.qualification_id),
                detail = r ->> 'detail'
            from given
            where l.job_id = any(array(select cast(r ->> 'jobId' as uuid) from given))
              and l.lead_id = any(array(select cast(r ->> 'leadId' as uuid) from given))
              and l.job_id = cast(r ->> 'jobId' as uuid) and l.lead_id = cast(r ->> 'leadId' as uuid)""";

    private final WriteBehind.Rows<Result> results = this::writeResults;

    private Uni<Void> writeResults(List<Result> rows) {
        return jsonRows.execute(RESULTS, rows)
                .replaceWithVoid();
    }

    private Uni<Void> finishJobs() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update qualify_job j set finished_at = now()
                        where finished_at is null and not exists (
                          select 1 from qualify_job_lead l
                          where l.job_id = j.id and l.status in ('PENDING', 'STARTING', 'IN_PROGRESS'))""")
                .executeUpdate()).replaceWithVoid();
    }
}
