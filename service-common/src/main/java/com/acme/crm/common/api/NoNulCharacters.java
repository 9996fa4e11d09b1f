package com.acme.crm.common.api;

import com.acme.crm.common.problems.Problem;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL refuses the NUL character (U+0000) in text, so a value holding one would fail deep
 * in the database with a 500. It is refused at the door instead: in a JSON body (any text value,
 * 400 naming the field) and in the query string or path (400 naming the parameter). JSON cannot
 * carry a raw NUL (only the escape {@code \u0000}), so checking the decoded strings covers every body.
 */
@Singleton
public class NoNulCharacters implements ObjectMapperCustomizer {

    static final String MESSAGE = "must not contain the NUL character (U+0000)";
    private static final ObjectMapper PROBLEM_JSON = new ObjectMapper();

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("no-nul-characters").addDeserializer(String.class, new NulRefusingStrings()));
    }

    void install(@Observes Filters filters) {
        filters.register(rc -> {
            List<Problem.Violation> violations = violations(rc);
            if (violations.isEmpty()) {
                rc.next();
                return;
            }
            rc.response().setStatusCode(400)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(problem(rc.request().path(), violations));
        }, Integer.MAX_VALUE - 2); // after the request id and the body size check
    }

    private static List<Problem.Violation> violations(RoutingContext rc) {
        List<Problem.Violation> violations = new ArrayList<>();
        String path = rc.request().path();
        if (path != null && path.toLowerCase(Locale.ROOT).contains("%00")) {
            violations.add(new Problem.Violation("path", MESSAGE));
        }
        String query = rc.request().query();
        if (query != null && query.toLowerCase(Locale.ROOT).contains("%00")) {
            MultiMap params;
            try {
                params = rc.queryParams();
            } catch (RuntimeException undecodable) {
                violations.add(new Problem.Violation("query", MESSAGE));
                return violations;
            }
            for (Map.Entry<String, String> param : params) {
                if (param.getKey().indexOf('\u0000') >= 0 || param.getValue().indexOf('\u0000') >= 0) {
                    violations.add(new Problem.Violation(param.getKey().replace("\u0000", "\\u0000"), MESSAGE));
                }
            }
        }
        return violations;
    }

    private static String problem(String path, List<Problem.Violation> violations) {
        try {
            return PROBLEM_JSON.writeValueAsString(Problem.of(400, "invalid-request", "Bad Request", "the request is not valid")
                    .withViolations(violations).at(path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson's own text reading, then a 400 (a mismatched input, with the field's path) for a NUL. */
    static final class NulRefusingStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (text != null && text.indexOf('\u0000') >= 0) {
                return (String) ctxt.reportInputMismatch(String.class, MESSAGE);
            }
            return text;
        }
    }
}
