package com.acme.crm.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.Set;

/**
 * A body announced larger than {@code crm.http.max-body-size} is refused with a 413 problem before
 * it is read; the routes named in {@code crm.http.large-body-routes} (exact paths, e.g. a bulk job's
 * 100,000 ids, SPEC §6) may send up to {@code quarkus.http.limits.max-body-size}, which Vert.x
 * enforces for every route (with an empty answer, hence this filter's problem+json).
 */
@ApplicationScoped
public class BodySizeLimit {

    @ConfigProperty(name = "crm.http.max-body-size")
    MemorySize limit;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize largeLimit;

    @ConfigProperty(name = "crm.http.large-body-routes")
    Optional<Set<String>> largeBodyRoutes;

    @Inject
    ObjectMapper json;

    void install(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long allowed = largeBodyRoutes.orElse(Set.of()).contains(rc.request().path()) ? largeLimit.asLongValue() : limit.asLongValue();
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
