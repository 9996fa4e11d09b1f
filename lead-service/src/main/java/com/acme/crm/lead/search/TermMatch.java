package com.acme.crm.lead.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * How the list finds the leads whose search text contains {@code q} (already trimmed and lower-cased), chosen per
 * request by an estimate, because the two ways have opposite worst cases at a million leads:
 * <ul>
 *   <li><b>in order</b> ({@code indexedWord} null): walk each state's index in the sort's order and test each lead,
 *   until a page is found. Cheap when many leads contain q (about a page ÷ share entries per state), hopeless when
 *   few do (it reads the whole view).</li>
 *   <li><b>by the rarest word</b>: one trigram-index scan for the word of q that the fewest leads contain, test the
 *   whole of q on those leads, sort them. The trigram index is searched for that word only: a GIN scan reads every
 *   trigram's posting list, and the trigrams of a word that most leads share ({@code company} in
 *   {@code company 12345}) list every lead.</li>
 * </ul>
 * The estimate counts rows: in order reads about states × page ÷ share(q) index entries, the rarest word fetches about
 * rows × share(word) leads. Without statistics, or without a word of three characters (a trigram), it walks in order.
 */
public record TermMatch(String term, String indexedWord) {

    /** Shorter words have no trigram of their own. */
    static final int SHORTEST_INDEXED_WORD = 3;

    public static TermMatch choose(String term, int states, int page, SearchTextSample sample) {
        Optional<String> rarest = Arrays.stream(term.split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= SHORTEST_INDEXED_WORD)
                .min(Comparator.comparingDouble(sample::share).thenComparing(Comparator.comparingInt(String::length).reversed()));
        if (sample.isEmpty() || rarest.isEmpty()) {
            return new TermMatch(term, null);
        }
        double inOrder = states * (double) page / sample.share(term);
        double byWord = sample.rows() * sample.share(rarest.get());
        return new TermMatch(term, byWord < inOrder ? rarest.get() : null);
    }

    public boolean inOrder() {
        return indexedWord == null;
    }
}
