package com.acme.crm.lead.qualification;

import com.acme.crm.common.api.Problem;
import com.acme.crm.common.api.ProblemException;
import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.history.LeadHistory;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where a qualification starts: checks the lead and the request, records the attempt, marks the
 * lead as being qualified and sends the first command, all in one transaction. The lead row is
 * locked first, so concurrent requests for one lead queue up and exactly one attempt starts.
 */
@ApplicationScoped
public class QualificationStarter {

    @Inject
    LeadAccess access;

    @Inject
    LeadQualificationSettings settings;

    @Inject
    LeadHistory history;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "crm.qualification.timeout", defaultValue = "PT2M")
    Duration timeout;

    /** The parameters of one start: a single call's request, or one lead of a bulk job. */
    public record Start(UUID leadId, QualifyRequest request, DuplicatePolicy duplicatePolicy, String idempotencyKey) {
    }

    /** A caller's request: they must be allowed to see the lead (404 otherwise, existence is not leaked). */
    @WithTransaction
    public Uni<QualificationView> start(Start start, SecurityIdentity caller) {
        return startLocked(start, LeadAccess.userId(caller), lead -> access.canSee(lead, caller),
                lead -> ProblemException.notFound("lead", lead.id));
    }

    /**
     * One lead of a bulk job, with the rights of the job's submitter checked now (SPEC §6): the lead
     * may have been given to someone else since the job was made. The job's results show the reason
     * to its submitter, who listed this lead and saw it then, so naming the change leaks nothing new.
     */
    @WithTransaction
    public Uni<QualificationView> startForJob(Start start, JobSubmitter submitter) {
        return startLocked(start, submitter.userId(), lead -> submitter.maySee(lead, access),
                lead -> ProblemException.forbidden("lead " + lead.id + " is no longer visible to " + submitter.userId()
                        + ": it was given to someone else after the job was submitted"));
    }

    private Uni<QualificationView> startLocked(Start start, String actor, Predicate<Lead> visible,
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
                .chain(lead -> repeatOf(start).chain(previous -> previous != null
                        ? Uni.createFrom().item(QualificationView.of(previous))
                        : begin(lead, start, actor)));
    }

    private Uni<Qualification> repeatOf(Start start) {
        if (start.idempotencyKey() == null) {
            return Uni.createFrom().nullItem();
        }
        return Qualification.find("leadId = ?1 and idempotencyKey = ?2", start.leadId(), start.idempotencyKey()).firstResult();
    }

    private Uni<QualificationView> begin(Lead lead, Start start, String actor) {
        if (!lead.isOpen()) {
            throw ProblemException.conflict("lead-not-open", "lead " + lead.id + " is " + lead.state + "; only an open lead can be qualified");
        }
        if (lead.qualificationInProgress) {
            throw ProblemException.conflict("qualification-in-progress", "lead " + lead.id + " is already being qualified");
        }
        return settings.createRecordsByDefault().chain(byDefault -> {
            Qualification q = resolve(lead, start, byDefault, actor);
            lead.qualificationInProgress = true;
            lead.qualificationId = q.id;
            lead.latestQualification = q;
            lead.modifiedAt = q.startedAt;
            lead.modifiedBy = actor;
            return q.persist()
                    .chain(() -> history.record(lead, actor, HistoryAction.QUALIFICATION_REQUESTED, lead.state, lead.state,
                            "attempt " + q.id))
                    .chain(() -> outbox.publish(Topics.ACCOUNT_COMMANDS, lead.id, QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT,
                            new ResolveAccountAndContact(q.id, lead.id, lead.ownerId, q.createAccount, q.createContact,
                                    q.existingAccountId, q.existingContactId, q.duplicatePolicy, prospect(lead))))
                    .replaceWith(() -> QualificationView.of(q));
        });
    }

    /** Applies SPEC §5's defaults and rules to the request; a 400 names every field at fault. */
    private Qualification resolve(Lead lead, Start start, boolean createByDefault, String actor) {
        QualifyRequest r = start.request() == null ? QualifyRequest.EMPTY : start.request();
        List<Problem.Violation> violations = new ArrayList<>();
        if (!createByDefault && r.namesNoRecords()) {
            violations.add(new Problem.Violation("createAccount",
                    "records are not created by default here: say which of createAccount, createContact, createOpportunity you want"));
        }
        Qualification q = new Qualification();
        q.id = UUID.randomUUID();
        q.leadId = lead.id;
        q.status = QualificationStatus.IN_PROGRESS;
        q.createAccount = r.createAccount() != null ? r.createAccount() : createByDefault;
        q.createContact = r.createContact() != null ? r.createContact() : createByDefault;
        q.createOpportunity = r.createOpportunity() != null ? r.createOpportunity() : createByDefault;
        q.existingAccountId = r.existingAccountId() != null ? r.existingAccountId() : lead.existingAccountId;
        q.existingContactId = r.existingContactId() != null ? r.existingContactId() : lead.existingContactId;
        q.opportunityCurrency = r.opportunityCurrency() != null ? r.opportunityCurrency() : lead.currency;
        if (q.createOpportunity && q.opportunityCurrency == null) {
            violations.add(new Problem.Violation("opportunityCurrency", "is required when an opportunity is created"));
        }
        if (!q.createAccount && !q.createContact && !q.createOpportunity
                && q.existingAccountId == null && q.existingContactId == null) {
            violations.add(new Problem.Violation("createAccount", "nothing to create or link"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("the qualification request is not valid", violations);
        }
        q.duplicatePolicy = start.duplicatePolicy() != null ? start.duplicatePolicy()
                : Boolean.TRUE.equals(r.suppressDuplicateDetection()) ? DuplicatePolicy.CREATE_NEW : DuplicatePolicy.REPORT;
        q.requestedBy = actor;
        q.idempotencyKey = start.idempotencyKey();
        q.startedAt = Instant.now();
        q.deadline = q.startedAt.plus(timeout);
        return q;
    }

    private static ProspectDetails prospect(Lead lead) {
        var a = lead.address;
        return new ProspectDetails(lead.companyName, lead.website, lead.industry, lead.firstName, lead.lastName,
                lead.jobTitle, lead.email, lead.businessPhone, lead.mobilePhone,
                a == null ? null : a.street, a == null ? null : a.city, a == null ? null : a.stateOrProvince,
                a == null ? null : a.postalCode, a == null ? null : a.country);
    }
}
