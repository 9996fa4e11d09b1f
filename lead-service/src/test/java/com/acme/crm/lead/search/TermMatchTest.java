package com.acme.crm.lead.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The choice between walking the sort's index and one trigram scan, from statistics shaped like a million leads'. */
class TermMatchTest {

    private static final int PAGE = 51;
    /** 101 texts, as ANALYZE keeps by default: every one has "company" and "example", one in ten "first12". */
    private static final SearchTextSample MILLION = new SearchTextSample(IntStream.range(0, 101)
            .mapToObj(i -> "first" + (i % 10 == 0 ? "12" : "3") + i + " last" + i * 7919 + " company " + i * 9901
                    + " lead-" + i * 9901 + "@example.com")
            .toList(), 1_000_000);

    @Test
    void aRareTermWhoseOtherWordsEveryLeadHasIsSearchedByItsRarestWordOnly() {
        TermMatch match = TermMatch.choose("company 12345", 3, PAGE, MILLION);

        assertEquals("12345", match.indexedWord());
    }

    @Test
    void aTermMostLeadsContainIsTestedWhileWalkingInOrder() {
        assertNull(TermMatch.choose("example", 3, PAGE, MILLION).indexedWord());
        assertNull(TermMatch.choose("company", 1, PAGE, MILLION).indexedWord());
    }

    @Test
    void aTermInNoSampledTextIsSearchedByTheTrigramIndex() {
        assertEquals("nobody", TermMatch.choose("nobody", 1, PAGE, MILLION).indexedWord());
    }

    @Test
    void amongWordsInNoSampledTextTheLongestIsSearched() {
        assertEquals("acme12", TermMatch.choose("acme12 zed", 3, PAGE, MILLION).indexedWord());
    }

    @Test
    void aWordInATenthOfTheLeadsIsStillWalkedInOrderWhenTheTermItselfIsThatCommon() {
        // walking reads about 3 × 51 ÷ 0.1 entries; the trigram scan would fetch about 100,000 leads
        assertNull(TermMatch.choose("first12", 3, PAGE, MILLION).indexedWord());
    }

    @Test
    void onASmallTableTheTrigramScanWinsSooner() {
        SearchTextSample thousand = new SearchTextSample(MILLION.texts(), 1_000);

        assertEquals("first12", TermMatch.choose("first12", 3, PAGE, thousand).indexedWord());
    }

    @Test
    void withoutStatisticsOrWithoutATrigramItWalksInOrder() {
        assertNull(TermMatch.choose("company 12345", 3, PAGE, SearchTextSample.NONE).indexedWord());
        assertNull(TermMatch.choose("12 ab", 3, PAGE, MILLION).indexedWord());
        assertNull(TermMatch.choose("company 12345", 3, PAGE, new SearchTextSample(List.of(), 1_000_000)).indexedWord());
    }

    @Test
    void wordsAreSplitWhereTrigramsSplitThem() {
        assertEquals("12345", TermMatch.choose("lead-12345@example.com", 3, PAGE, MILLION).indexedWord());
    }
}
