package com.acme.crm.lead.search;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The {@link SearchTextSample} a search chooses its plan by, read from PostgreSQL's statistics and kept for a few
 * minutes: only ANALYZE changes them (autovacuum's, after a tenth of the table changed), and a sample minutes old
 * chooses as well as a fresh one. Held in a field, not a memoized Uni: the reactive session must stay on the
 * caller's own context.
 */
@ApplicationScoped
public class SearchTextStatistics {

    private static final Logger LOG = Logger.getLogger(SearchTextStatistics.class);
    private static final Duration KEPT = Duration.ofMinutes(5);

    private record Loaded(SearchTextSample sample, long atNanos) {
    }

    private volatile Loaded loaded;

    /** Within the caller's session. Two callers at the moment it expires both read it again: two small queries. */
    public Uni<SearchTextSample> current() {
        Loaded last = loaded;
        if (last != null && System.nanoTime() - last.atNanos() < KEPT.toNanos()) {
            return Uni.createFrom().item(last.sample());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SearchTextSample.TEXTS_SQL, String.class).getResultList()
                        .chain(texts -> session.createNativeQuery(SearchTextSample.ROWS_SQL, Double.class).getSingleResult()
                                .map(rows -> new SearchTextSample(texts, rows))))
                .invoke(sample -> loaded = new Loaded(sample, System.nanoTime()))
                // the statistics only choose between two correct plans: without them the list walks in order
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("cannot read the search text statistics (%s); searching with %s", failure,
                            last == null ? "none (in the sort's order)" : "the last ones read");
                    return last == null ? SearchTextSample.NONE : last.sample();
                });
    }
}
