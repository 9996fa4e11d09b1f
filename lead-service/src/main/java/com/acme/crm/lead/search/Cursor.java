package com.acme.crm.lead.search;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.Lead;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page starts: the sort and the last row's (sort value, id), opaque to clients
 * (base64url). Keyset paging: a lead inserted meanwhile never shifts or repeats a page.
 */
public record Cursor(LeadSort sort, Object value, UUID id) {

    private static final char SEPARATOR = '\n';

    public static Cursor after(Lead last, LeadSort sort) {
        return new Cursor(sort, sort.key().valueOf.apply(last), last.id);
    }

    public String encode() {
        String plain = sort.text() + SEPARATOR + id + SEPARATOR + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a previous page, which must have been made for the same sort. */
    public static Cursor decode(String text, LeadSort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length != 3 || !parts[0].equals(sort.text())) {
                throw invalid();
            }
            return new Cursor(sort, sort.key().parse.apply(parts[2]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("cursor", "is not a cursor of this list and sort; start again without one");
    }
}
