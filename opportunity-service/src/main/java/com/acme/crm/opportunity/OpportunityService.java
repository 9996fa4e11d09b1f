package com.acme.crm.opportunity;

import com.acme.crm.common.paging.NewestFirstQuery;
import com.acme.crm.common.paging.Page;
import com.acme.crm.common.paging.TimeCursor;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.opportunity.OpportunitySummary;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Reading opportunities; qualification makes them in {@code OpportunityMaker}. The HTTP edge shows what it answers. */
@ApplicationScoped
public class OpportunityService {

    @Inject
    OpportunityNotes notes;

    /** A page of opportunities without their note texts: a page of 200 with 500 long notes each would be gigabytes. */
    @WithSession
    public Uni<Page<OpportunitySummary>> list(UUID accountId, UUID originatingLeadId, int limit, String cursor) {
        return new NewestFirstQuery()
                .where("accountId = :account", "account", accountId)
                .where("originatingLeadId = :lead", "lead", originatingLeadId)
                .page((query, params) -> Opportunity.find(query, params), cursor, limit, Opportunity::summary,
                        o -> new TimeCursor(o.createdAt, o.id));
    }

    /** One opportunity with every note, stakeholder and file, in the lead's order. */
    @WithSession
    public Uni<OpportunityDetail> get(UUID id) {
        return Opportunity.<Opportunity>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("opportunity", id))
                .chain(o -> notes.of(o.id).chain(copied -> OpportunityStakeholder.of(o.id)
                        .chain(stakeholders -> OpportunityAttachment.of(o.id)
                                .map(attachments -> new OpportunityDetail(o, copied, stakeholders, attachments)))));
    }
}
