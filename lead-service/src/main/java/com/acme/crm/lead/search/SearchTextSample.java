package com.acme.crm.lead.search;

import java.util.List;

/**
 * What the leads' search texts look like, from PostgreSQL's own statistics: the bounds of ANALYZE's histogram of
 * {@code lead.search_text} (about a hundred texts spread over the table) and the table's estimated row count. The
 * planner estimates {@code LIKE '%q%'} from the same histogram; {@link TermMatch} uses it to choose a plan.
 */
public record SearchTextSample(List<String> texts, double rows) {

    public static final SearchTextSample NONE = new SearchTextSample(List.of(), 0);

    /** The sampled texts (one row each); none before the table's first ANALYZE. */
    public static final String TEXTS_SQL = "select unnest(s.histogram_bounds::text::text[]) from pg_stats s "
            + "where s.schemaname = current_schema() and s.tablename = 'lead' and s.attname = 'search_text'";
    /** The table's estimated row count (-1 before its first ANALYZE or VACUUM). */
    public static final String ROWS_SQL = "select c.reltuples::float8 from pg_class c where c.oid = 'lead'::regclass";

    public SearchTextSample {
        texts = List.copyOf(texts);
    }

    public boolean isEmpty() {
        return texts.isEmpty() || rows <= 0;
    }

    /**
     * The estimated share of leads whose search text contains {@code fragment}. A fragment in none of the sampled
     * texts counts as half a sample: rare, not absent.
     */
    public double share(String fragment) {
        long containing = texts.stream().filter(text -> text.contains(fragment)).count();
        return Math.max(containing, 0.5) / texts.size();
    }
}
