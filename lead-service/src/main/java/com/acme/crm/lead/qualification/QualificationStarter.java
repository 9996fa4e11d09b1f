package com.acme.crm.lead.qualification;

import com.acme.crm.common.api.ProblemException;
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
import com.acme.crm.lead.qualification.api.QualificationView;
import com.acme.crm.lead.qualification.api.QualifyRequest;
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
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where a qualification starts: loads and locks the lead, checks the caller may see it, and writes
 * what {@link LeadDecisions#start} decides (the attempt, the lead marked as being qualified, the
 * first command), all in one transaction. The lead row is locked first, so concurrent requests for
 * one lead queue up and exactly one attempt starts.
 */
@ApplicationScoped
public class QualificationStarter {

    @Inject
    LeadAccess access;

    @Inject
    LeadQualificationSettings settings;

    @Inject
    DecisionWriter writer;

    @ConfigProperty(name = "crm.qualification.timeout", defaultValue = "PT2M")
    Duration timeout;

    /** The parameters of one start: a single call's request, or one lead of a bulk job. */
    public record Start(UUID leadId, QualifyRequest request, DuplicatePolicy duplicatePolicy, String idempotencyKey) {
    }

    /** A caller's request: they must be allowed to see the lead (404 otherwise, existence is not leaked). */
    @WithTransaction
    public Uni<QualificationView> start(Start start, SecurityIdentity caller) {
        return startLocked(start, false, LeadAccess.userId(caller), lead -> access.canSee(lead, caller),
                lead -> ProblemException.notFound("lead", lead.id));
    }

    /**
     * One lead of a bulk job, with the rights of the job's submitter checked now (SPEC §6): the lead
     * may have been given to someone else since the job was made. The job's results show the reason
     * to its submitter, who listed this lead and saw it then, so naming the change leaks nothing new.
     */
    @WithTransaction
    public Uni<QualificationView> startForJob(Start start, JobSubmitter submitter) {
        return startLocked(start, true, submitter.userId(), lead -> submitter.maySee(lead, access),
                lead -> ProblemException.forbidden("lead " + lead.id + " is no longer visible to " + submitter.userId()
                        + ": it was given to someone else after the job was submitted"));
    }

    private Uni<QualificationView> startLocked(Start start, boolean forJob, String actor, Predicate<Lead> visible,
                                               Function<Lead, ProblemException> hidden) {
        return Lead.<Lead>findById(start.leadId(), LockModeType.PESSIMISTIC_WRITE)
                .map(lead -> {
                    if (lead == null) {
                        throw ProblemException.notFound("lead", start.leadId());
                    }
                    if (!visible.test(lead)) {
                        throw hidden.apply(lead);
                    }
                    return lead;
                })
                .chain(lead -> repeatOf(start).chain(previous -> settings.createRecordsByDefault().chain(byDefault -> {
                    Decision decision = LeadDecisions.start(LeadFacts.of(lead), previous == null ? null : Attempt.of(previous),
                            new StartInput(start.request(), start.duplicatePolicy(), start.idempotencyKey(), byDefault, actor,
                                    UUID.randomUUID(), Instant.now(), timeout, LaneChoice.of(forJob, latestOf(lead))));
                    return writer.write(lead, previous, decision).map(QualificationView::of);
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
