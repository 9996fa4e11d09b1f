package com.acme.crm.lead;

import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.api.DisqualifyRequest;
import com.acme.crm.lead.api.LeadView;
import com.acme.crm.lead.api.ReactivatedLead;
import com.acme.crm.lead.api.RelatedRecords;
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

/** Closing a lead without business (disqualify) and opening a closed one again (reactivate), decided by {@link LeadDecisions}. Qualifying lives in its own package. */
@ApplicationScoped
public class LeadLifecycle {

    @Inject
    LeadAccess access;
    @Inject
    DecisionWriter writer;

    @WithTransaction
    public Uni<LeadView> disqualify(UUID id, DisqualifyRequest request, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(id, caller).chain(lead -> {
            Decision decision = LeadDecisions.disqualify(LeadFacts.of(lead), request.reason(), request.note(), actor, Now.instant());
            return writer.write(lead, null, decision).map(ignored -> LeadView.of(lead));
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }

    /** Closed → OPEN/NEW. The ids an earlier qualification recorded stay on the lead, as history, and come back in the answer. */
    @WithTransaction
    public Uni<ReactivatedLead> reactivate(UUID id, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(id, caller).chain(lead -> {
            Decision decision = LeadDecisions.reactivate(LeadFacts.of(lead), actor, Now.instant());
            return writer.write(lead, null, decision).map(ignored -> new ReactivatedLead(LeadView.of(lead), RelatedRecords.of(lead)));
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }
}
