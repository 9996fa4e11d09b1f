package com.acme.crm.lead.search;

import com.acme.crm.common.paging.Page;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.access.LeadAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The lead list: a view, filters, a sort and keyset paging, limited to what the caller may see; the HTTP edge shows each lead. */
@ApplicationScoped
public class LeadSearch {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    @Inject
    LeadAccess access;

    @Inject
    SearchTextStatistics statistics;

    @Inject
    Pool pool;

    /**
     * The raw query parameters; each is checked here (a 400 naming it when wrong). The page is one statement on the
     * reactive client, not Hibernate: the list only shows leads, and its call is the hottest read (issue 9, eighth step).
     */
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
            LeadPageStatement statement = LeadPageStatement.of(query, order);
            return pool.preparedQuery(statement.sql()).execute(Tuple.from(statement.parameters()))
                    .map(rows -> page(LeadRows.leads(rows), size, order));
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
