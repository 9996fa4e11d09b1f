package com.acme.crm.lead.search;

import com.acme.crm.common.paging.Page;
import com.acme.crm.common.persistence.PlanCacheBypass;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.StatusReason;
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
import java.util.stream.Collectors;

/** The lead list: a view, filters, a sort and keyset paging, limited to what the caller may see; the HTTP edge shows each lead. */
@ApplicationScoped
public class LeadSearch {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    @Inject
    LeadAccess access;

    @Inject
    SearchTextStatistics statistics;

    /** The raw query parameters; each is checked here (a 400 naming it when wrong). */
    @WithSession
    public Uni<Page<Lead>> list(String view, String q, StatusReason statusReason, String ownerId, String sort,
                              Integer limit, String cursor, SecurityIdentity caller) {
        String me = LeadAccess.userId(caller);
        LeadSort order = LeadSort.parse(sort);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        LeadCriteria criteria = new LeadCriteria(LeadListView.parse(view), me,
                access.seesEveryLead(caller) ? null : me, q, statusReason, blankToNull(ownerId), order,
                cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, order), size);
        // the statistics only choose how q is matched: a list without q needs none
        Uni<SearchTextSample> sample = q == null || q.isBlank() ? Uni.createFrom().item(SearchTextSample.NONE) : statistics.current();
        return sample.map(known -> LeadQuery.of(criteria, known)).chain(query -> {
            if (query.matchesNothing()) {
                return Uni.createFrom().item(new Page<>(List.<Lead>of(), null));
            }
            return Panache.getSession()
                    .chain(session -> pageOfIds(session, query))
                    .chain(LeadSearch::load)
                    .map(rows -> page(rows, size, order));
        });
    }

    /**
     * The page's ids in order: mostly answered from the index alone. Kept out of Hibernate's plan cache (PlanCacheBypass):
     * each list call would add an entry it never finds again, and the next call of the same shape walks them all.
     */
    private static Uni<List<UUID>> pageOfIds(Mutiny.Session session, LeadQuery query) {
        Mutiny.SelectionQuery<UUID> select = session.createNativeQuery(query.sql(), UUID.class);
        query.parameters().forEach((name, value) -> {
            if (name.equals(LeadQuery.LIMIT)) {
                PlanCacheBypass.bind(select, name, value);
            } else {
                select.setParameter(name, value);
            }
        });
        return select.getResultList();
    }

    /** The leads of those ids, in the same order. */
    private static Uni<List<Lead>> load(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // the latest attempt comes in the same query, not one query per lead
        return Lead.<Lead>list("from Lead l left join fetch l.latestQualification where l.id in ?1", ids).map(leads -> {
            Map<UUID, Lead> byId = leads.stream().collect(Collectors.toMap(lead -> lead.id, lead -> lead));
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }

    private static Page<Lead> page(List<Lead> rows, int size, LeadSort order) {
        boolean more = rows.size() > size;
        List<Lead> shown = more ? rows.subList(0, size) : rows;
        String next = more ? Cursor.after(shown.get(shown.size() - 1), order).encode() : null;
        return new Page<>(shown, next);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
