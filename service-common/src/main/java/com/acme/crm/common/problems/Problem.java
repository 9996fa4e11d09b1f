package com.acme.crm.common.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem: the body of every error answer. {@code violations} lists the offending
 * fields of a 400; {@code extensions} carries problem-specific members (for example the
 * duplicate matches of a 409). Here, not in {@code api}, because the domain refuses with it too:
 * dependencies point inward.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details: the body of every error answer (application/problem+json)")
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations,
        Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://crm.acme.example/problems/";

    /** One invalid field: where ({@code field}, a JSON path such as {@code address.country}) and why. */
    public record Violation(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, List.of(), Map.of());
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, instance, list, extensions);
    }

    public Problem withExtensions(Map<String, Object> more) {
        return new Problem(type, title, status, detail, instance, violations, more);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, violations, extensions);
    }
}
