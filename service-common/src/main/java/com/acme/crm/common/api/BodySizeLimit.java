package com.acme.crm.common.api;

import com.acme.crm.common.problems.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A body announced larger than its route allows ({@link BodyLimits}) is refused with a 413 problem
 * before it is read. (Vert.x enforces {@code quarkus.http.limits.max-body-size} on every route, but
 * answers with an empty body; this gives clients the problem+json every other error has.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private final List<SizedRoute> largerBodies;
    private final long maxBodySize;

    @Inject
    BodySizeLimit(BodyLimits limits, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize serverLimit) {
        this.maxBodySize = limits.maxBodySize().asLongValue();
        this.largerBodies = limits.largerBodies().values().stream()
                .map(route -> new SizedRoute(Pattern.compile(route.path()), route.maxSize().asLongValue()))
                .toList();
        largerBodies.stream().filter(route -> route.maxSize() > serverLimit.asLongValue()).findAny().ifPresent(route -> {
            throw new IllegalStateException("quarkus.http.limits.max-body-size (" + serverLimit.asLongValue()
                    + " bytes) is below the limit of " + route.path() + " (" + route.maxSize() + " bytes)");
        });
    }

    private record SizedRoute(Pattern path, long maxSize) {
    }

    @Inject
    ObjectMapper json;

    void install(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long allowed = limitFor(rc.request().path());
            if (length != null && tooLarge(length, allowed)) {
                rc.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close") // the unread body must not be taken for a next request
                        .end(problem(rc.request().path(), allowed));
            } else {
                rc.next();
            }
        }, Integer.MAX_VALUE - 1); // right after the request id is set
    }

    private long limitFor(String path) {
        return largerBodies.stream().filter(route -> path != null && route.path().matcher(path).matches())
                .mapToLong(SizedRoute::maxSize).findFirst().orElse(maxBodySize);
    }

    private static boolean tooLarge(String length, long allowed) {
        try {
            return Long.parseLong(length.trim()) > allowed;
        } catch (NumberFormatException unreadable) {
            return false; // Vert.x rejects it
        }
    }

    private String problem(String path, long allowed) {
        try {
            return json.writeValueAsString(Problem.of(413, "body-too-large", "Content Too Large",
                    "the body is larger than " + allowed + " bytes").at(path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
