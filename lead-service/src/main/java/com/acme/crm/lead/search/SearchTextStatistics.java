package com.acme.crm.lead.search;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link SearchTextSample} a search chooses its plan by, read from PostgreSQL's statistics and kept for a few
 * minutes: only ANALYZE changes them (autovacuum's, after a tenth of the table changed), and a sample minutes old
 * chooses as well as a fresh one. Held in a field, not a memoized Uni, so that each caller's read runs on its own context.
 */
@ApplicationScoped
public class SearchTextStatistics {

    private static final Logger LOG = Logger.getLogger(SearchTextStatistics.class);
    private static final Duration KEPT = Duration.ofMinutes(5);

    private record Loaded(SearchTextSample sample, long atNanos) {
    }

    @Inject
    Pool pool;

    private volatile Loaded loaded;

    /** Two callers at the moment it expires both read it again: two small queries. */
    public Uni<SearchTextSample> current() {
        Loaded last = loaded;
        if (last != null && System.nanoTime() - last.atNanos() < KEPT.toNanos()) {
            return Uni.createFrom().item(last.sample());
        }
        return pool.query(SearchTextSample.TEXTS_SQL).execute()
                .map(rows -> {
                    List<String> texts = new ArrayList<>(rows.size());
                    rows.forEach(row -> texts.add(row.getString(0)));
                    return texts;
                })
                .chain(texts -> pool.query(SearchTextSample.ROWS_SQL).execute()
                        .map(rows -> new SearchTextSample(texts, rows.iterator().next().getDouble(0))))
                .invoke(sample -> loaded = new Loaded(sample, System.nanoTime()))
                // the statistics only choose between two correct plans: without them the list walks in order
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("cannot read the search text statistics (%s); searching with %s", failure,
                            last == null ? "none (in the sort's order)" : "the last ones read");
                    return last == null ? SearchTextSample.NONE : last.sample();
                });
    }
}
