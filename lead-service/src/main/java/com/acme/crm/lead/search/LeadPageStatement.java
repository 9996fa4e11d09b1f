package com.acme.crm.lead.search;

import java.util.List;

/**
 * The one statement that answers a page of the lead list: {@link LeadQuery}'s select of the page's ids, unchanged (its
 * plans are the ones LeadQueryPlanTest checks), and around it each of those leads' rows by primary key with its latest
 * attempt and its reason's label ({@link LeadRows#COLUMNS}), in the list's order. One round trip instead of a select of
 * ids and a load of the leads, and both read one snapshot. Its parameters are the select's, positional ({@code $1}…),
 * as the reactive PostgreSQL client takes them.
 */
public record LeadPageStatement(String sql, List<Object> parameters) {

    public static LeadPageStatement of(LeadQuery query, LeadSort sort) {
        String direction = sort.descending() ? "desc" : "asc";
        // a lateral subquery with a limit is never flattened into a join: each lead's attempt is read by its primary
        // key, whatever the planner estimates (a hash join would read every attempt). A join keeps no order: the
        // page's rows are sorted again by the list's own key.
        String sql = "select " + LeadRows.COLUMNS + " from (" + query.sql() + ") page_ids"
                + " join lead l on l.id = page_ids.id"
                + " left join lateral (select * from qualification a where a.id = l.qualification_id limit 1) q on true"
                + " order by l." + sort.key().column + " " + direction + ", l.id " + direction;
        return new LeadPageStatement(sql, query.parameters());
    }
}
