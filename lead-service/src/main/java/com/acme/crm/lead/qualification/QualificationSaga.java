package com.acme.crm.lead.qualification;

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
import org.hibernate.LockMode;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The lead side of the qualification saga, as I/O around {@link LeadDecisions}: loads the attempt
 * (locked) and its lead, and writes what the decisions say about each reply or timeout. Every
 * method runs in the caller's transaction (the reply consumer's or the timeout sweep's); the
 * attempt row lock means a reply and a timeout never both decide one attempt.
 */
@ApplicationScoped
public class QualificationSaga {

    private static final Logger LOG = Logger.getLogger(QualificationSaga.class);

    @Inject
    DecisionWriter writer;

    /**
     * Loads in one statement what a batch's replies will each load: the running attempts of their leads, locked in
     * id order as each reply locks its own (the attempts only: the leads are read, not locked), with their leads. Each
     * reply then finds them in the session instead of loading them; a reply for an attempt not loaded here (a late
     * one, its lead's latest attempt ended) loads and locks the attempt, and loads the lead, itself.
     */
    public Uni<Void> prepare(Collection<UUID> leadIds, Collection<UUID> withContent) {
        if (leadIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createSelectionQuery(RUNNING_WITH_LEADS, Object[].class)
                        .setParameter("leads", leadIds)
                        .setParameter("running", QualificationStatus.IN_PROGRESS)
                        .setLockMode("q", LockMode.PESSIMISTIC_WRITE)
                        .getResultList())
                .chain(() -> preloadContent(withContent));
    }

    // a lead's running attempt is its latest one (a start needs the lead not qualifying), so each lead's eager
    // latestQualification is the attempt of its own row
    private static final String RUNNING_WITH_LEADS = """
            select q, l from Qualification q join Lead l on l.id = q.leadId
            where q.leadId in :leads and q.status = :running order by q.id""";

    /**
     * The opportunity content of the leads whose replies will carry it on, in one statement for the batch
     * ({@link OpportunityContents}); kept for the batch's transaction (the reply consumer changes none of it).
     */
    private static Uni<Void> preloadContent(Collection<UUID> leadIds) {
        Map<UUID, OpportunityContent> preloaded = WriteBehind.local(PRELOADED, HashMap::new);
        if (leadIds.isEmpty() || preloaded == null) {
            return Uni.createFrom().voidItem();
        }
        return OpportunityContents.of(leadIds).invoke(preloaded::putAll).replaceWithVoid();
    }

    private static final Object PRELOADED = OpportunityContent.class;

    public Uni<Void> on(QualificationReply reply) {
        return Qualification.<Qualification>findById(reply.qualificationId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(q -> {
                    if (q == null) {
                        LOG.warnf("reply %s for unknown attempt %s ignored", reply.getClass().getSimpleName(), reply.qualificationId());
                        return Uni.createFrom().voidItem();
                    }
                    Attempt attempt = Attempt.of(q);
                    return Lead.<Lead>findById(q.leadId).chain(lead -> contentFor(attempt, reply).chain(content -> {
                        Decision decision = LeadDecisions.onReply(lead == null ? null : LeadFacts.of(lead), attempt, reply,
                                content, writer::jsonBytes, Instant.now());
                        if (attempt.isFinal() && !decision.messages().isEmpty()) {
                            LOG.infof("late %s for %s attempt %s: compensating", reply.getClass().getSimpleName(), q.status, q.id);
                        }
                        return writer.write(lead, q, decision).replaceWithVoid();
                    }));
                });
    }

    /** Gives up a running attempt whose deadline passed (the row is locked by the caller). */
    public Uni<Void> timeOut(Qualification q) {
        return Lead.<Lead>findById(q.leadId).chain(lead ->
                writer.write(lead, q, LeadDecisions.timeOut(LeadFacts.of(lead), Attempt.of(q), Instant.now())).replaceWithVoid());
    }

    private static Uni<OpportunityContent> contentFor(Attempt attempt, QualificationReply reply) {
        if (!LeadDecisions.needsOpportunityContent(attempt, reply)) {
            return Uni.createFrom().item(OpportunityContent.NONE);
        }
        Map<UUID, OpportunityContent> preloaded = WriteBehind.local(PRELOADED, HashMap::new);
        OpportunityContent loaded = preloaded == null ? null : preloaded.remove(attempt.leadId());
        if (loaded != null) {
            return Uni.createFrom().item(loaded);
        }
        return OpportunityContents.of(List.of(attempt.leadId())).map(content -> content.get(attempt.leadId()));
    }
}
