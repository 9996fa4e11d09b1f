package com.acme.crm.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service's OpenAPI document ({@code /q/openapi?format=json}), and what every service's must
 * say: its endpoints, the bearer JWT scheme on every {@code /api} operation, and problem+json
 * error answers.
 */
public final class OpenApiDocument {

    private final JsonNode root;

    public OpenApiDocument(String json) {
        try {
            this.root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON OpenAPI document", e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** What is wrong with the document, given the endpoints (path → HTTP methods) it must have; empty when nothing. */
    public List<String> problems(Map<String, Set<String>> endpoints) {
        List<String> found = new ArrayList<>();
        endpoints.forEach((path, methods) -> {
            Set<String> documented = new TreeSet<>();
            root.path("paths").path(path).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT)));
            if (!documented.containsAll(methods)) {
                found.add(path + ": documents " + documented + ", should have " + methods);
            }
        });

        String scheme = bearerJwtScheme();
        if (scheme == null) {
            found.add("no http bearer JWT security scheme in components.securitySchemes");
        }
        JsonNode problem = root.at("/components/schemas/Problem/properties");
        for (String member : List.of("type", "title", "status", "detail", "violations")) {
            if (problem.path(member).isMissingNode()) {
                found.add("components.schemas.Problem has no " + member);
            }
        }

        root.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(operation -> {
                String where = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode responses = operation.getValue().path("responses");
                if (responses.path("401").isMissingNode()) {
                    found.add(where + ": no 401 answer");
                }
                if (responses.at("/503/headers/Retry-After").isMissingNode()) {
                    found.add(where + ": no 503 answer with Retry-After (a passing fault)");
                }
                responses.fields().forEachRemaining(answer -> {
                    if ((answer.getKey().startsWith("4") || answer.getKey().equals("503")) && !"#/components/schemas/Problem".equals(answer.getValue()
                            .at("/content/application~1problem+json/schema/$ref").asText())) {
                        found.add(where + ": " + answer.getKey() + " is not a problem+json Problem");
                    }
                });
                if (scheme != null && !operation.getValue().path("security").toString().contains("\"" + scheme + "\"")) {
                    found.add(where + ": does not require " + scheme);
                }
            });
        });
        return found;
    }

    private String bearerJwtScheme() {
        var schemes = root.at("/components/securitySchemes").fields();
        while (schemes.hasNext()) {
            var scheme = schemes.next();
            if ("http".equals(scheme.getValue().path("type").asText())
                    && "bearer".equalsIgnoreCase(scheme.getValue().path("scheme").asText())
                    && "JWT".equals(scheme.getValue().path("bearerFormat").asText())) {
                return scheme.getKey();
            }
        }
        return null;
    }
}
