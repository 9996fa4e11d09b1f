package com.acme.crm.lead.activities;

import com.acme.crm.common.paging.Page;
import com.acme.crm.common.paging.TimeCursor;
import com.acme.crm.lead.Now;
import com.acme.crm.lead.access.LeadAccess;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The caller's activities across leads (SPEC §10 {@code GET /api/activities}). */
@ApplicationScoped
public class WorkList {

    @Inject
    LeadAccess access;

    @WithSession
    public Uni<Page<ActivityView>> page(WorkListView view, String ownerId, String cursor, int limit, SecurityIdentity caller) {
        String me = LeadAccess.userId(caller);
        WorkListQuery query = new WorkListQuery(view, me, access.seesEveryLead(caller) ? null : me, ownerId, Now.instant(),
                cursor == null ? null : TimeCursor.decode(cursor), limit);
        return Panache.getSession().chain(session -> ids(session, query)).chain(WorkList::load).map(rows -> {
            boolean more = rows.size() > limit;
            List<Activity> shown = more ? rows.subList(0, limit) : rows;
            Activity last = more ? shown.get(limit - 1) : null;
            return new Page<>(shown.stream().map(ActivityView::of).toList(),
                    last == null ? null : new TimeCursor(last.createdAt, last.id).encode());
        });
    }

    private static Uni<List<UUID>> ids(Mutiny.Session session, WorkListQuery query) {
        Mutiny.SelectionQuery<UUID> select = session.createNativeQuery(query.sql(), UUID.class);
        query.parameters().forEach(select::setParameter);
        return select.getResultList();
    }

    private static Uni<List<Activity>> load(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Activity.<Activity>list("id in ?1", ids).map(found -> {
            Map<UUID, Activity> byId = found.stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }
}
