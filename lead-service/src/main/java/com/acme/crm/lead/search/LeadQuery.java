package com.acme.crm.lead.search;

import com.acme.crm.lead.LeadState;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL of one page of the lead list. Written by hand so that every shape it produces has an
 * index (V5__lead_list_indexes.sql; plans in docs/lead-queries.md): equality on state (and owner),
 * then the sort column and the id, read in index order from the cursor onwards.
 *
 * <p>A view of several states ({@code closed}, {@code all}) is one branch per state, each reading
 * at most one page from its (owner,) state, sort index, merged and cut to one page: the same
 * indexes serve every view in every sort, and no branch reads more than a page, at any table size.
 *
 * <p>{@code q} is matched as {@link TermMatch} chooses: in the sort's order, state by state as above, or by one
 * trigram-index scan for q's rarest word, over all the view's states at once, sorted afterwards.
 *
 * <p>Its parameters are positional ({@code $1}…, in the order they are first written), as the reactive PostgreSQL
 * client takes them; the branches of a view of several states share them.
 */
public record LeadQuery(String sql, List<Object> parameters, boolean matchesNothing) {

    private static final LeadQuery NOTHING = new LeadQuery(null, List.of(), true);

    public LeadQuery {
        parameters = List.copyOf(parameters);
    }

    /** {@code sample}: the statistics {@link TermMatch} chooses by ({@link SearchTextSample#NONE} walks in order). */
    public static LeadQuery of(LeadCriteria criteria, SearchTextSample sample) {
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();

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
            return NOTHING; // e.g. a salesperson filtering on someone else's leads
        }
        if (owners.size() == 1) {
            where.add("l.owner_id = " + bind(parameters, owners.iterator().next()));
        }

        Set<LeadState> states = statesOf(criteria.view());
        if (criteria.statusReason() != null) {
            // a reason belongs to one state: only that state's branch can match
            states.retainAll(Set.of(criteria.statusReason().state()));
            where.add("l.status_reason = " + bind(parameters, criteria.statusReason().name()));
        }
        if (states.isEmpty()) {
            return NOTHING; // e.g. view=open&statusReason=LOST
        }
        boolean oneScan = states.size() == 1;
        boolean byWord = false;
        if (criteria.q() != null && !criteria.q().isBlank()) {
            String term = criteria.q().trim().toLowerCase(Locale.ROOT);
            TermMatch match = TermMatch.choose(term, states.size(), criteria.limit() + 1, sample);
            // strpos, not LIKE: the planner must not search the trigram index for the whole of q (TermMatch says why)
            where.add("strpos(l.search_text, " + bind(parameters, term) + ") > 0");
            if (!match.inOrder()) {
                // GIN trigram index on search_text, for this word only
                where.add("l.search_text like " + bind(parameters, "%" + escapeLike(match.indexedWord()) + "%"));
                byWord = true;
            }
        }

        LeadSort sort = criteria.sort();
        String column = "l." + sort.key().column;
        String direction = sort.descending() ? "desc" : "asc";
        if (criteria.after() != null) {
            where.add("(" + column + ", l.id) " + (sort.descending() ? "<" : ">") + " ("
                    + bind(parameters, criteria.after().value()) + ", " + bind(parameters, criteria.after().id()) + ")");
        }
        String limit = bind(parameters, criteria.limit() + 1); // one more tells whether there is a next page

        String order = " order by " + column + " " + direction + ", l.id " + direction + " limit " + limit;
        if (byWord) {
            // a materialized CTE: the leads the word finds, then sorted. Without the fence the planner, estimating the
            // word's share from ANALYZE's sample, sometimes walks the sort's index instead and tests the whole view
            // (100,000 leads tested for 11 in one CI run of LeadQueryPlanTest)
            return new LeadQuery("with matched as materialized (select l.id, " + column + " as k from lead l where "
                    + String.join(" and ", branch(states, where)) + ") select matched.id from matched order by matched.k "
                    + direction + ", matched.id " + direction + " limit " + limit, parameters, false);
        }
        if (oneScan) {
            return new LeadQuery("select l.id from lead l where " + String.join(" and ", branch(states, where))
                    + order, parameters, false);
        }
        // state literals, not parameters: the planner then knows them even in a generic plan
        String branches = states.stream()
                .map(state -> "(select l.id, " + column + " as k from lead l where "
                        + String.join(" and ", branch(EnumSet.of(state), where)) + order + ")")
                .collect(Collectors.joining(" union all "));
        String sql = "select page.id from (" + branches + ") page order by page.k " + direction + ", page.id "
                + direction + " limit " + limit;
        return new LeadQuery(sql, parameters, false);
    }

    /**
     * Adds a value and answers its placeholder. The reactive client binds timestamps as OffsetDateTime; it has no codec
     * for Instant.
     */
    private static String bind(List<Object> parameters, Object value) {
        parameters.add(value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        return "$" + parameters.size();
    }

    private static Set<LeadState> statesOf(LeadListView view) {
        return switch (view) {
            case MY_OPEN, OPEN -> EnumSet.of(LeadState.OPEN);
            case CLOSED -> EnumSet.complementOf(EnumSet.of(LeadState.OPEN));
            case ALL -> EnumSet.allOf(LeadState.class);
        };
    }

    private static List<String> branch(Set<LeadState> states, List<String> where) {
        List<String> conditions = new ArrayList<>();
        conditions.add(states.size() == 1 ? "l.state = '" + states.iterator().next().name() + "'"
                : states.stream().map(state -> "'" + state.name() + "'").collect(Collectors.joining(", ", "l.state in (", ")")));
        conditions.addAll(where);
        return conditions;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
