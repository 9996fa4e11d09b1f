package com.acme.crm.lead;

import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.decisions.Decision;
import com.acme.crm.lead.decisions.DecisionWriter;
import com.acme.crm.lead.decisions.LeadDecisions;
import com.acme.crm.lead.decisions.LeadFacts;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Closing a lead without business (disqualify) and opening a closed one again (reactivate), decided by {@link LeadDecisions}.
 * Qualifying lives in its own package. It answers with the lead; the HTTP edge shows it.
 */
@ApplicationScoped
public class LeadLifecycle {

    @Inject
    LeadAccess access;
    @Inject
    DecisionWriter writer;

    /** {@code reason} is a system reason or an active one of the organisation's own, with its label (the edge checks it). */
    @WithTransaction
    public Uni<Lead> disqualify(UUID id, StatusReason reason, String note, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(id, caller).chain(lead -> {
            Decision decision = LeadDecisions.disqualify(LeadFacts.of(lead), reason, note, actor, Now.instant());
            return writer.write(lead, null, decision).replaceWith(lead);
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }

    /** Closed → OPEN/NEW. The ids an earlier qualification recorded stay on the lead, as history, and come back in the answer. */
    @WithTransaction
    public Uni<Lead> reactivate(UUID id, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(id, caller).chain(lead -> {
            Decision decision = LeadDecisions.reactivate(LeadFacts.of(lead), actor, Now.instant());
            return writer.write(lead, null, decision).replaceWith(lead);
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }
}
