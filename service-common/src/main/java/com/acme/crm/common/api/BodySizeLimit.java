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

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused with a 413
 * problem before it is read. (Vert.x enforces the same limit, but answers with an empty body;
 * this gives clients the problem+json every other error has.)
 */
@ApplicationScoped
public class BodySizeLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize limit;

    @Inject
    ObjectMapper json;

    void install(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                rc.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close") // the unread body must not be taken for a next request
                        .end(problem(rc.request().path()));
            } else {
                rc.next();
            }
        }, Integer.MAX_VALUE - 1); // right after the request id is set
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > limit.asLongValue();
        } catch (NumberFormatException unreadable) {
            return false; // Vert.x rejects it
        }
    }

    private String problem(String path) {
        try {
            return json.writeValueAsString(Problem.of(413, "body-too-large", "Content Too Large",
                    "the body is larger than " + limit.asLongValue() + " bytes").at(path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
