package com.acme.crm.lead.qualification;

import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.decisions.Attempt;
import com.acme.crm.lead.decisions.Decision;
import com.acme.crm.lead.decisions.DecisionWriter;
import com.acme.crm.lead.decisions.LaneChoice;
import com.acme.crm.lead.decisions.LeadDecisions;
import com.acme.crm.lead.decisions.LeadDecisions.StartInput;
import com.acme.crm.lead.decisions.LeadFacts;
import com.acme.crm.lead.decisions.QualifyChoices;
import com.acme.crm.lead.decisions.RowUpdates;
import com.acme.crm.lead.qualification.bulk.JobSubmitter;
import com.acme.crm.lead.settings.LeadQualificationSettings;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Where a qualification starts: loads and locks the lead, checks the caller may see it, and writes
 * what {@link LeadDecisions#start} decides (the attempt, the lead marked as being qualified, the
 * first command), all in one transaction. The lead row is locked first, so concurrent requests for
 * one lead queue up and exactly one attempt starts. A single call goes through the lead's entity; a bulk
 * job's window starts set-based ({@link #startForJobs}: a statement per table for the whole window), by the
 * same decision. It answers with the attempt; the HTTP edge shows it.
 */
@ApplicationScoped
public class QualificationStarter {

    @Inject
    LeadAccess access;

    @Inject
    LeadQualificationSettings settings;

    @Inject
    DecisionWriter writer;

    @Inject
    StartRows rows;

    @Inject
    RowUpdates updates;

    @ConfigProperty(name = "crm.qualification.timeout", defaultValue = "PT2M")
    Duration timeout;

    /** The parameters of one start: a single call's request, or one lead of a bulk job. */
    public record Start(UUID leadId, QualifyChoices choices, DuplicatePolicy duplicatePolicy, String idempotencyKey) {
    }

    /** A caller's request: they must be allowed to see the lead (404 otherwise, existence is not leaked). */
    @WithTransaction
    public Uni<Qualification> start(Start start, SecurityIdentity caller) {
        return startLocked(start, LeadAccess.userId(caller), lead -> access.canSee(lead, caller));
    }

    /** One lead of a bulk job's window, started with the rights of the job's submitter. */
    public record JobStart(Start start, JobSubmitter submitter) {
    }

    /**
     * What became of one lead of a window: its attempt (new, or for a repeated key the one that key started; of
     * that one only its id, status, failure reason and lane are loaded), or why it has none.
     */
    public record Outcome(Attempt attempt, String refusal) {

        static Outcome refused(ProblemException problem) {
            return new Outcome(null, problem.problem().detail());
        }
    }

    /**
     * A bulk job's window started set-based, in the caller's transaction: its leads locked (in id order) and loaded in
     * one statement, each start decided by {@link LeadDecisions#start} in the window's order (a lead named twice
     * sees its first start), the new attempts inserted in one statement and the leads' changes written in one; the
     * history entries and commands go through the unit's write-behind. A lead that cannot be qualified (gone, closed,
     * already being qualified, a bad request, no longer the submitter's to see, SPEC §6) is refused with the reason
     * and changes nothing; the job's results name the change, which its submitter saw when listing the lead.
     */
    public Uni<List<Outcome>> startForJobs(List<JobStart> starts) {
        List<StartRows.Wanted> wanted = starts.stream()
                .map(s -> new StartRows.Wanted(s.start().leadId(), s.start().idempotencyKey())).toList();
        return rows.lockAndLoad(wanted).chain(loaded -> settings.createRecordsByDefault().chain(byDefault -> {
            Instant now = Instant.now();
            Map<UUID, StartRows.Loaded> current = new HashMap<>(); // a lead as this window's earlier starts left it
            Map<UUID, RowUpdates.LeadRow> changes = new LinkedHashMap<>();
            List<Attempt> attempts = new ArrayList<>();
            List<Decision> started = new ArrayList<>();
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                JobStart job = starts.get(i);
                StartRows.Loaded row = loaded.get(i);
                if (row == null) {
                    outcomes.add(Outcome.refused(ProblemException.notFound("lead", job.start().leadId())));
                    continue;
                }
                StartRows.Loaded lead = current.getOrDefault(row.lead().id(), row);
                if (!job.submitter().maySee(lead.lead().ownerId(), access)) {
                    outcomes.add(Outcome.refused(hiddenFrom(job.submitter(), lead.lead().id())));
                    continue;
                }
                Decision decision;
                try {
                    decision = LeadDecisions.start(lead.lead(), row.sameKey(), new StartInput(job.start().choices(),
                            job.start().duplicatePolicy(), job.start().idempotencyKey(), byDefault, job.submitter().userId(),
                            UUID.randomUUID(), now, timeout, LaneChoice.of(true, lead.previous())));
                } catch (ProblemException refused) {
                    outcomes.add(Outcome.refused(refused));
                    continue;
                }
                if (decision.started()) {
                    requireStartOnly(decision);
                    attempts.add(decision.attempt());
                    started.add(decision);
                    // the update goes over the version as loaded: the statement makes one update per lead
                    changes.put(row.lead().id(), RowUpdates.LeadRow.of(row.lead(), decision.lead(), decision.touch()));
                    current.put(row.lead().id(), new StartRows.Loaded(lead.lead().after(decision), decision.attempt(), null));
                }
                outcomes.add(new Outcome(decision.attempt(), null));
            }
            return rows.insertAttempts(attempts).chain(() -> updates.updateLeads(List.copyOf(changes.values())))
                    .chain(() -> InOrder.each(started, decision -> writer.recordAndSend(decision.attempt().leadId(), decision)))
                    .replaceWith(outcomes);
        }));
    }

    private static ProblemException hiddenFrom(JobSubmitter submitter, UUID lead) {
        return ProblemException.forbidden("lead " + lead + " is no longer visible to " + submitter.userId()
                + ": it was given to someone else after the job was submitted");
    }

    /** A start decides the lead's status, its attempt, history and commands; nothing else is written set-based. */
    private static void requireStartOnly(Decision decision) {
        if (decision.lead() == null || decision.touch() == null || decision.ended() || decision.event() != null
                || decision.note() != null) {
            throw new IllegalStateException("a set-based start writes a start's decision only: " + decision);
        }
    }

    private Uni<Qualification> startLocked(Start start, String actor, Predicate<Lead> visible) {
        return Lead.<Lead>findById(start.leadId(), LockModeType.PESSIMISTIC_WRITE)
                .map(lead -> {
                    if (lead == null) {
                        throw ProblemException.notFound("lead", start.leadId());
                    }
                    if (!visible.test(lead)) {
                        throw ProblemException.notFound("lead", lead.id);
                    }
                    return lead;
                })
                .chain(lead -> repeatOf(start).chain(previous -> settings.createRecordsByDefault().chain(byDefault -> {
                    Decision decision = LeadDecisions.start(LeadFacts.of(lead), previous == null ? null : Attempt.of(previous),
                            new StartInput(start.choices(), start.duplicatePolicy(), start.idempotencyKey(), byDefault, actor,
                                    UUID.randomUUID(), Instant.now(), timeout, LaneChoice.of(false, latestOf(lead))));
                    return writer.write(lead, previous, decision);
                })));
    }

    private static Attempt latestOf(Lead lead) {
        return lead.latestQualification == null ? null : Attempt.of(lead.latestQualification);
    }

    private Uni<Qualification> repeatOf(Start start) {
        if (start.idempotencyKey() == null) {
            return Uni.createFrom().nullItem();
        }
        return Qualification.find("leadId = ?1 and idempotencyKey = ?2", start.leadId(), start.idempotencyKey()).firstResult();
    }
}
