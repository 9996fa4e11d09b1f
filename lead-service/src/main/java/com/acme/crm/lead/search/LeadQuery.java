package com.acme.crm.lead.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of one page of the lead list. Written by hand so that every shape it produces has an
 * index (V5__lead_list_indexes.sql; plans in docs/lead-queries.md): equality on owner and state,
 * then the sort column and the id, read in index order from the cursor onwards.
 */
public record LeadQuery(String sql, Map<String, Object> parameters, boolean matchesNothing) {

    public static LeadQuery of(LeadCriteria criteria) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();

        Set<String> owners = new HashSet<>();
        if (criteria.visibleOwner() != null) {
            owners.add(criteria.visibleOwner());
        }
        if (criteria.view() == LeadListView.MY_OPEN) {
            owners.add(criteria.caller());
        }
        if (criteria.ownerId() != null) {
            owners.add(criteria.ownerId());
        }
        if (owners.size() > 1) {
            return new LeadQuery(null, Map.of(), true); // e.g. a salesperson filtering on someone else's leads
        }
        if (owners.size() == 1) {
            where.add("l.owner_id = :owner");
            parameters.put("owner", owners.iterator().next());
        }

        // state literals, not parameters: the planner then knows them even in a generic plan
        switch (criteria.view()) {
            case MY_OPEN, OPEN -> where.add("l.state = 'OPEN'");
            case CLOSED -> where.add("l.state <> 'OPEN'");
            case ALL -> { }
        }
        if (criteria.statusReason() != null) {
            where.add("l.status_reason = :statusReason");
            parameters.put("statusReason", criteria.statusReason().name());
        }
        if (criteria.q() != null && !criteria.q().isBlank()) {
            where.add("l.search_text like :q"); // GIN trigram index on search_text
            parameters.put("q", "%" + escapeLike(criteria.q().trim().toLowerCase(Locale.ROOT)) + "%");
        }

        LeadSort sort = criteria.sort();
        String column = "l." + sort.key().column;
        String direction = sort.descending() ? "desc" : "asc";
        if (criteria.after() != null) {
            where.add("(" + column + ", l.id) " + (sort.descending() ? "<" : ">") + " (:afterValue, :afterId)");
            parameters.put("afterValue", criteria.after().value());
            parameters.put("afterId", criteria.after().id());
        }
        parameters.put("limit", criteria.limit() + 1); // one more tells whether there is a next page

        String sql = "select l.id from lead l"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by " + column + " " + direction + ", l.id " + direction
                + " limit :limit";
        return new LeadQuery(sql, parameters, false);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
