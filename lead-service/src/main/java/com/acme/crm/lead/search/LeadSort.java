package com.acme.crm.lead.search;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.Lead;

import java.time.Instant;
import java.util.function.Function;

/** The order of the lead list: a key (with a leading {@code -} for descending), then the id to break ties. */
public record LeadSort(Key key, boolean descending) {

    public static final LeadSort NEWEST_FIRST = new LeadSort(Key.CREATED_AT, true);

    /** The sortable columns; each has indexes that end in ({@code column}, id). */
    public enum Key {
        CREATED_AT("createdAt", "created_at", lead -> lead.createdAt.toString(), Instant::parse),
        MODIFIED_AT("modifiedAt", "modified_at", lead -> lead.modifiedAt.toString(), Instant::parse),
        LAST_NAME("lastName", "last_name", lead -> lead.lastName, text -> text);

        final String name;
        final String column;
        final Function<Lead, String> valueOf;
        final Function<String, Object> parse;

        Key(String name, String column, Function<Lead, String> valueOf, Function<String, Object> parse) {
            this.name = name;
            this.column = column;
            this.valueOf = valueOf;
            this.parse = parse;
        }
    }

    public static LeadSort parse(String value) {
        if (value == null || value.isBlank()) {
            return NEWEST_FIRST;
        }
        boolean descending = value.startsWith("-");
        String name = descending ? value.substring(1) : value;
        for (Key key : Key.values()) {
            if (key.name.equals(name)) {
                return new LeadSort(key, descending);
            }
        }
        throw ProblemException.badRequest("sort", "must be createdAt, modifiedAt or lastName, with a leading - for descending");
    }

    public String text() {
        return (descending ? "-" : "") + key.name;
    }
}
