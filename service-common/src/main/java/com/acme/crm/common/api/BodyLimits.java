package com.acme.crm.common.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

import java.util.Map;

/**
 * How large a request body may be: {@code crm.http.max-body-size} on every route, and more on the
 * routes a service names under {@code crm.http.larger-bodies.<name>} (a path regex matched against
 * the whole path, and its own size), e.g. lead-service's attachment uploads and bulk jobs.
 * {@code quarkus.http.limits.max-body-size}, which Vert.x enforces on every route, must be at least
 * the largest of them.
 */
@ConfigMapping(prefix = "crm.http")
public interface BodyLimits {

    MemorySize maxBodySize();

    Map<String, Route> largerBodies();

    interface Route {
        String path();

        MemorySize maxSize();
    }
}
