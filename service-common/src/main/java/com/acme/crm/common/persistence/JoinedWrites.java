package com.acme.crm.common.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several {@link WriteStatement}s as one statement of data-modifying CTEs: plain, no I/O. Part {@code i}'s own CTEs
 * and its parameters get the prefix {@code w<i>_}, its statement becomes the CTE {@code w<i>} with {@code returning 1},
 * and the statement selects each part's count of changed rows (or of those that meet the part's
 * {@link WriteStatement#counted} condition: {@code returning <condition> as counted}), in the parts' order:
 * <pre>
 * with w1_given as (select ...), w1 as (update lead l ... from w1_given where ... returning 1),
 *      w2 as (insert into outbox_message ... cast(:w2_rows as text) ... returning 1)
 * select (select count(*) from w1), (select count(*) from w2)
 * </pre>
 * A part's CTEs move to the top level (PostgreSQL runs a data-modifying CTE only there), so a part may itself be a
 * {@code with} of inserts. Every part runs on the statement's one snapshot: none sees what another writes, and foreign
 * keys are checked at the statement's end. Parameters ({@code :name}) and CTE names are renamed outside string
 * literals; a CTE name is renamed wherever it stands as a word not qualified by a dot, so a part must not name a CTE
 * like one of its tables or columns.
 */
public final class JoinedWrites {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"");
    private static final Pattern WITH = Pattern.compile("with\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern CTE_NAME = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+as\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    /** The joined statement: its text and its renamed parameters. */
    public record Statement(String sql, Map<String, Object> parameters) {
    }

    private JoinedWrites() {
    }

    /**
     * The joined texts made so far, by their parts' texts: a text depends on nothing else, and the writers' texts are
     * constants, so each combination is parsed and renamed once, not at every batch's end (its regular expressions cost
     * more than the rest of a lone batch's writing). Bounded, should a writer ever build its text per call.
     */
    private static final Map<List<String>, String> TEXTS = new ConcurrentHashMap<>();
    private static final int MAX_TEXTS = 256;

    /** The one statement that makes {@code parts}' changes; its one row has each part's changed rows, in order. */
    public static Statement of(List<WriteStatement> parts) {
        List<String> texts = new ArrayList<>(parts.size() * 2);
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String prefix = prefix(i);
            WriteStatement part = parts.get(i);
            texts.add(part.sql());
            texts.add(part.counted());
            part.parameters().forEach((name, value) -> parameters.put(prefix + "_" + name, value));
        }
        String sql = TEXTS.get(texts);
        if (sql == null) {
            sql = joined(texts);
            if (TEXTS.size() < MAX_TEXTS) {
                TEXTS.put(texts, sql);
            }
        }
        return new Statement(sql, parameters);
    }

    private static String prefix(int part) {
        return "w" + (part + 1);
    }

    /** {@code texts}: each part's statement followed by its counted condition (null: every row). */
    private static String joined(List<String> texts) {
        List<String> ctes = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < texts.size() / 2; i++) {
            String prefix = prefix(i);
            Split split = split(texts.get(2 * i));
            String counted = texts.get(2 * i + 1);
            for (Cte cte : split.ctes()) {
                ctes.add(prefix + "_" + cte.name() + " as (" + renamed(cte.body(), prefix, split) + ")");
            }
            if (counted == null) {
                ctes.add(prefix + " as (" + renamed(split.body(), prefix, split) + " returning 1)");
                counts.add("(select count(*) from " + prefix + ")");
            } else {
                ctes.add(prefix + " as (" + renamed(split.body(), prefix, split) + " returning " + counted + " as counted)");
                counts.add("(select count(*) from " + prefix + " where counted)");
            }
        }
        return "with " + String.join(",\n", ctes) + "\nselect " + String.join(", ", counts);
    }

    /** A part's top-level CTE: its name and what stands between its parentheses. */
    record Cte(String name, String body) {
    }

    /** A statement's top-level CTEs (none when it does not start with {@code with}) and the statement after them. */
    record Split(List<Cte> ctes, String body) {
    }

    static Split split(String sql) {
        String text = sql.strip();
        Matcher with = WITH.matcher(text);
        if (!with.lookingAt()) {
            return new Split(List.of(), text);
        }
        List<Cte> ctes = new ArrayList<>();
        int at = with.end();
        while (true) {
            Matcher name = CTE_NAME.matcher(text).region(at, text.length());
            if (!name.lookingAt() || name.group(1).toLowerCase(Locale.ROOT).equals("recursive")) {
                throw new IllegalArgumentException("not a statement of plain CTEs: " + sql);
            }
            int open = name.end() - 1;
            int close = closing(text, open);
            ctes.add(new Cte(name.group(1), text.substring(open + 1, close)));
            at = close + 1;
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                continue;
            }
            return new Split(ctes, text.substring(at));
        }
    }

    /** The index of the parenthesis that closes the one at {@code open}, string literals skipped. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                Matcher literal = LITERAL.matcher(text).region(i, text.length());
                if (!literal.lookingAt()) {
                    break;
                }
                i = literal.end() - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses: " + text);
    }

    /** {@code text} of a part with its parameters and CTE names prefixed, string literals as they are. */
    private static String renamed(String text, String prefix, Split part) {
        UnaryOperator<String> rename = code -> {
            String out = PARAMETER.matcher(code).replaceAll(m -> ":" + prefix + "_" + m.group(1));
            for (Cte cte : part.ctes()) {
                out = Pattern.compile("(?<![.\\w])" + Pattern.quote(cte.name()) + "(?!\\w)", Pattern.CASE_INSENSITIVE)
                        .matcher(out).replaceAll(Matcher.quoteReplacement(prefix + "_" + cte.name()));
            }
            return out;
        };
        StringBuilder out = new StringBuilder();
        Matcher literal = LITERAL.matcher(text);
        int from = 0;
        while (literal.find()) {
            out.append(rename.apply(text.substring(from, literal.start()))).append(literal.group());
            from = literal.end();
        }
        return out.append(rename.apply(text.substring(from))).toString();
    }
}
