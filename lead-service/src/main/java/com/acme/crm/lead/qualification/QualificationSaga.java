package com.acme.crm.lead.qualification;

import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.contracts.qualification.QualificationReply;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.decisions.Attempt;
import com.acme.crm.lead.decisions.Decision;
import com.acme.crm.lead.decisions.DecisionWriter;
import com.acme.crm.lead.decisions.LeadDecisions;
import com.acme.crm.lead.decisions.LeadFacts;
import com.acme.crm.lead.decisions.OpportunityContent;
import com.acme.crm.common.persistence.WriteBehind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import com.acme.crm.common.persistence.PlanCacheBypass;
import org.hibernate.FlushMode;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The lead side of the qualification saga, as I/O around {@link LeadDecisions}: loads the attempt
 * (locked) and its lead, and writes what the decisions say about each reply or timeout. Every
 * method runs in the caller's transaction (the reply consumer's or the timeout sweep's); the
 * attempt row lock means a reply and a timeout never both decide one attempt. In a reply batch the loads are the
 * preparation's, once for the batch ({@link ReplyBatch}), and most replies end without I/O.
 */
@ApplicationScoped
public class QualificationSaga {

    private static final Logger LOG = Logger.getLogger(QualificationSaga.class);

    @Inject
    DecisionWriter writer;

    /**
     * Loads what a batch's replies will each load, and locks what each would lock: the running attempts of their
     * leads locked in id order, as each reply locks its own (the attempts only: the leads are read, not locked), then
     * the leads with their latest attempts (a lead's running attempt is its latest: a start needs the lead not
     * qualifying). The batch keeps them by id ({@link ReplyBatch}): a reply whose attempt was locked here is decided
     * from them and queued without a Uni ({@link #on}); a reply for an attempt not locked here (a late one, its lead's
     * latest attempt ended) loads and locks the attempt itself.
     *
     * <p>Two statements whose SQL Hibernate keeps: a native lock (one text whatever the number of leads) and a load by
     * ids. One HQL select with {@code in :leads} did both, but Hibernate translates a query with a list parameter
     * again at every execution (it cannot cache its plan), which cost more CPU than the second round trip.
     */
    public Uni<Void> prepare(Collection<UUID> leadIds, Collection<UUID> withContent) {
        if (leadIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ReplyBatch batch = WriteBehind.local(BATCH, ReplyBatch::new);
        return Panache.getSession().chain(session -> {
            // nothing of a reply batch is flushed by Hibernate (its leads and attempts are written set-based at its
            // end, PendingVersions, its other rows by WriteBehind), so its statements need not make Hibernate
            // dirty-check every entity of the session first, as each did in AUTO mode; the commit still flushes
            session.setFlushMode(FlushMode.COMMIT);
            return PlanCacheBypass.bind(session.createNativeQuery(LOCK_RUNNING, UUID.class), "leads", NativeValues.uuidArray(leadIds))
                    .getResultList()
                    .chain(ids -> session.find(Lead.class, leadIds.toArray()).invoke(leads -> {
                        if (batch != null) {
                            batch.hold(session, ids, leads);
                        }
                    }));
        }).chain(() -> preloadContent(withContent, batch));
    }

    // the running attempts of the leads (the partial index qualification_one_running_per_lead has their lead ids)
    private static final String LOCK_RUNNING = """
            select q.id from qualification q
            where q.lead_id = any(cast(cast(:leads as text) as uuid[])) and q.status = 'IN_PROGRESS'
            order by q.id
            for no key update of q""";

    private static final Object BATCH = ReplyBatch.class;

    /**
     * The opportunity content of the leads whose replies will carry it on, in one statement for the batch
     * ({@link OpportunityContents}); kept for the batch's transaction (the reply consumer changes none of it).
     */
    private static Uni<Void> preloadContent(Collection<UUID> leadIds, ReplyBatch batch) {
        if (leadIds.isEmpty() || batch == null) {
            return Uni.createFrom().voidItem();
        }
        return OpportunityContents.of(leadIds).invoke(batch::holdContent).replaceWithVoid();
    }

    /**
     * Decides a reply and writes what it says. A reply whose attempt and lead the batch holds (and its content, when
     * it passes the content on) is decided and queued at once: {@link InOrder#DONE}, no load, no Uni. Any other loads
     * its attempt (locked) and lead first; both ways decide ({@link #decide}) and write ({@link DecisionWriter}) alike.
     */
    public Uni<Void> on(QualificationReply reply) {
        ReplyBatch batch = WriteBehind.local(BATCH, ReplyBatch::new);
        Qualification held = batch == null ? null : batch.attempt(reply.qualificationId());
        Lead lead = held == null ? null : batch.lead(held.leadId);
        if (lead != null) {
            Attempt attempt = Attempt.of(held);
            OpportunityContent content = LeadDecisions.needsOpportunityContent(attempt, reply)
                    ? batch.takeContent(attempt.leadId()) : OpportunityContent.NONE;
            if (content != null) {
                writer.queue(batch.session(), lead, held, decide(lead, attempt, reply, content));
                return InOrder.DONE;
            }
        }
        return loaded(reply, batch);
    }

    private Uni<Void> loaded(QualificationReply reply, ReplyBatch batch) {
        return attempt(reply.qualificationId(), batch).chain(q -> {
            if (q == null) {
                LOG.warnf("reply %s for unknown attempt %s ignored", reply.getClass().getSimpleName(), reply.qualificationId());
                return Uni.createFrom().voidItem();
            }
            Attempt attempt = Attempt.of(q);
            return Lead.<Lead>findById(q.leadId).chain(lead -> contentFor(attempt, reply, batch).chain(content ->
                    writer.write(lead, q, decide(lead, attempt, reply, content)).replaceWithVoid()));
        });
    }

    /** The one way a reply is decided, whichever way its attempt and lead were found. */
    private Decision decide(Lead lead, Attempt attempt, QualificationReply reply, OpportunityContent content) {
        Decision decision = LeadDecisions.onReply(lead == null ? null : LeadFacts.of(lead), attempt, reply, content,
                writer::jsonBytes, Instant.now());
        if (attempt.isFinal() && !decision.messages().isEmpty()) {
            LOG.infof("late %s for %s attempt %s: compensating", reply.getClass().getSimpleName(), attempt.status(), attempt.id());
        }
        return decision;
    }

    /** The attempt, locked: by the batch's preparation (found in the session), or here. */
    private static Uni<Qualification> attempt(UUID id, ReplyBatch batch) {
        return batch != null && batch.locked(id) ? Qualification.findById(id)
                : Qualification.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Gives up a running attempt whose deadline passed (the row is locked by the caller). */
    public Uni<Void> timeOut(Qualification q) {
        return Lead.<Lead>findById(q.leadId).chain(lead ->
                writer.write(lead, q, LeadDecisions.timeOut(LeadFacts.of(lead), Attempt.of(q), Instant.now())).replaceWithVoid());
    }

    private static Uni<OpportunityContent> contentFor(Attempt attempt, QualificationReply reply, ReplyBatch batch) {
        if (!LeadDecisions.needsOpportunityContent(attempt, reply)) {
            return Uni.createFrom().item(OpportunityContent.NONE);
        }
        OpportunityContent held = batch == null ? null : batch.takeContent(attempt.leadId());
        if (held != null) {
            return Uni.createFrom().item(held);
        }
        return OpportunityContents.of(List.of(attempt.leadId())).map(content -> content.get(attempt.leadId()));
    }
}
