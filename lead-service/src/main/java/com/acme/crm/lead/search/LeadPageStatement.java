package com.acme.crm.lead.search;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one statement that answers a page of the lead list: {@link LeadQuery}'s select of the page's ids, unchanged (its
 * plans are the ones LeadQueryPlanTest checks), and around it each of those leads' rows by primary key with its latest
 * attempt and its reason's label ({@link LeadRows#COLUMNS}), in the list's order. One round trip instead of a select of
 * ids and a load of the leads, and both read one snapshot. Its parameters are positional ({@code $1}…), as the
 * reactive PostgreSQL client takes them.
 */
public record LeadPageStatement(String sql, List<Object> parameters) {

    private static final Pattern NAMED = Pattern.compile(":(\\w+)");

    public static LeadPageStatement of(LeadQuery query, LeadSort sort) {
        List<Object> parameters = new ArrayList<>(query.parameters().size());
        Map<String, Integer> positions = new HashMap<>();
        Matcher named = NAMED.matcher(query.sql());
        StringBuilder ids = new StringBuilder(query.sql().length());
        while (named.find()) {
            String name = named.group(1);
            if (!query.parameters().containsKey(name)) {
                throw new IllegalStateException("no value for :" + name + " in " + query.sql());
            }
            // a view of several states names each parameter once per branch: one position serves them all
            int position = positions.computeIfAbsent(name, first -> {
                parameters.add(positional(query.parameters().get(first)));
                return parameters.size();
            });
            named.appendReplacement(ids, "\\$" + position);
        }
        named.appendTail(ids);
        String direction = sort.descending() ? "desc" : "asc";
        // a lateral subquery with a limit is never flattened into a join: each lead's attempt is read by its primary
        // key, whatever the planner estimates (a hash join would read every attempt). A join keeps no order: the
        // page's rows are sorted again by the list's own key.
        String sql = "select " + LeadRows.COLUMNS + " from (" + ids + ") page_ids"
                + " join lead l on l.id = page_ids.id"
                + " left join lateral (select * from qualification a where a.id = l.qualification_id limit 1) q on true"
                + " order by l." + sort.key().column + " " + direction + ", l.id " + direction;
        return new LeadPageStatement(sql, Collections.unmodifiableList(parameters));
    }

    /** The reactive client binds timestamps as OffsetDateTime; it has no codec for Instant. */
    private static Object positional(Object value) {
        return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
    }
}
