package com.acme.crm.opportunity;

import com.acme.crm.common.api.Page;
import com.acme.crm.common.api.ProblemException;
import com.acme.crm.common.api.TimeCursor;
import com.acme.crm.opportunity.api.OpportunityView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reading opportunities; qualification makes them in {@code OpportunityMaker}. */
@ApplicationScoped
public class OpportunityService {

    @Inject
    OpportunityNotes notes;

    @WithSession
    public Uni<Page<OpportunityView>> list(UUID accountId, UUID originatingLeadId, int limit, String cursor) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (accountId != null) {
            where.add("accountId = :account");
            params.and("account", accountId);
        }
        if (originatingLeadId != null) {
            where.add("originatingLeadId = :lead");
            params.and("lead", originatingLeadId);
        }
        if (cursor != null) {
            TimeCursor after = TimeCursor.decode(cursor);
            where.add("(createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", after.createdAt()).and("id", after.id());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where)) + " order by createdAt desc, id desc";
        return Opportunity.<Opportunity>find(query, params).page(0, limit + 1).list().map(found -> {
            List<OpportunityView> items = found.stream().limit(limit).map(this::view).toList();
            String next = found.size() > limit
                    ? new TimeCursor(items.get(limit - 1).createdAt(), items.get(limit - 1).id()).encode() : null;
            return new Page<>(items, next);
        });
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
