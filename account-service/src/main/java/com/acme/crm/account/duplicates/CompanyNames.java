package com.acme.crm.account.duplicates;

import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The duplicate rules' view of names and websites (SPEC §5): two accounts are the same company
 * when their names match after folding case, accents, spacing, punctuation and legal suffixes,
 * or when their websites share a domain.
 */
public final class CompanyNames {

    /** Legal forms, compared after punctuation is gone ("S.A." → "sa", "L.L.C." → "llc"). */
    private static final Set<String> LEGAL_SUFFIXES = Set.of(
            "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "lp",
            "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "oy", "pty",
            "pte", "kk", "sl", "se");

    /** Compiled once: {@code String.replaceAll} compiles its pattern on every call (a resolve normalises its name several times). */
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTERS_OR_DIGITS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private CompanyNames() {
    }

    /**
     * "ACME, Inc.", "Acme Inc" and " acme " all become "acme"; spacing is folded away too. The
     * result can be many times longer than the name (NFKD expands some characters up to 18-fold,
     * "&" becomes "and"): it is stored as text and looked up through a hash index.
     */
    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String unmarked = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        String folded = NOT_LETTERS_OR_DIGITS.matcher(unmarked.toLowerCase(Locale.ROOT).replace(".", "").replace("&", " and "))
                .replaceAll(" ")
                .trim();
        List<String> words = new ArrayList<>(Arrays.asList(folded.split(" ")));
        // drop legal forms from the end ("Acme Holding Co Ltd" → "acme holding"), never the whole name
        while (words.size() > 1 && (LEGAL_SUFFIXES.contains(words.get(words.size() - 1))
                || "and".equals(words.get(words.size() - 1)))) {
            words.remove(words.size() - 1);
        }
        String normalized = String.join("", words);
        return normalized.isEmpty() ? null : normalized; // nothing comparable left ("!!!", emoji): matches nothing
    }

    /** "https://www.Acme.com/about" → "acme.com"; null when there is no usable host. */
    public static String websiteDomain(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        String candidate = website.trim().toLowerCase(Locale.ROOT);
        if (!candidate.contains("://")) {
            candidate = "http://" + candidate;
        }
        try {
            String host = URI.create(candidate).getHost();
            if (host == null || !host.contains(".")) {
                return null;
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
