package com.acme.crm.opportunity;

import com.acme.crm.common.api.NewestFirstQuery;
import com.acme.crm.common.api.Page;
import com.acme.crm.common.api.ProblemException;
import com.acme.crm.common.api.TimeCursor;
import com.acme.crm.opportunity.api.OpportunityView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Reading opportunities; qualification makes them in {@code OpportunityMaker}. */
@ApplicationScoped
public class OpportunityService {

    @Inject
    OpportunityNotes notes;

    @WithSession
    public Uni<Page<OpportunityView>> list(UUID accountId, UUID originatingLeadId, int limit, String cursor) {
        return new NewestFirstQuery()
                .where("accountId = :account", "account", accountId)
                .where("originatingLeadId = :lead", "lead", originatingLeadId)
                .page((query, params) -> Opportunity.find(query, params), cursor, limit, this::view, o -> new TimeCursor(o.createdAt, o.id));
    }

    @WithSession
    public Uni<OpportunityView> get(UUID id) {
        return Opportunity.<Opportunity>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("opportunity", id))
                .map(this::view);
    }

    public OpportunityView view(Opportunity opportunity) {
        return OpportunityView.of(opportunity, notes.read(opportunity.notes));
    }
}
