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
import java.util.regex.Pattern;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused with a 413
 * problem before it is read. (Vert.x enforces the same limit, but answers with an empty body;
 * this gives clients the problem+json every other error has.)
 * <p>
 * A service that takes uploads on some routes sets the server's limit for those
 * ({@code quarkus.http.limits.max-body-size}) and keeps a smaller one for every other route:
 * {@code crm.http.api-max-body-size}, with the upload routes in {@code crm.http.upload-paths} (a regex
 * matched against the whole path).
 */
@ApplicationScoped
public class BodySizeLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize limit;
    @ConfigProperty(name = "crm.http.api-max-body-size")
    Optional<MemorySize> apiLimit;
    @ConfigProperty(name = "crm.http.upload-paths")
    Optional<Pattern> uploadPaths;

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
        boolean upload = uploadPaths.isPresent() && path != null && uploadPaths.get().matcher(path).matches();
        return upload || apiLimit.isEmpty() ? limit.asLongValue() : Math.min(apiLimit.get().asLongValue(), limit.asLongValue());
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
