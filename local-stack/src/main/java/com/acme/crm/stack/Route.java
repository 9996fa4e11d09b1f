package com.acme.crm.stack;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A gateway route: every path starting with {@code pathPrefix} goes to {@code service}. The same table is served by the
 * local gateway and, as nginx locations, by the docker-compose gateway; a test keeps the two equal.
 */
public record Route(String pathPrefix, String service) {

    public static final List<Route> TABLE = List.of(
            new Route("/api/leads", ServiceDefinition.LEAD.name()),
            new Route("/api/settings", ServiceDefinition.LEAD.name()),
            new Route("/api/accounts", ServiceDefinition.ACCOUNT.name()),
            new Route("/api/contacts", ServiceDefinition.ACCOUNT.name()),
            new Route("/api/opportunities", ServiceDefinition.OPPORTUNITY.name()),
            // the OpenAPI documents (each service serves its own at this path) and the Swagger UI (README)
            new Route("/openapi/lead-service", ServiceDefinition.LEAD.name()),
            new Route("/openapi/account-service", ServiceDefinition.ACCOUNT.name()),
            new Route("/openapi/opportunity-service", ServiceDefinition.OPPORTUNITY.name()),
            new Route("/swagger-ui", ServiceDefinition.LEAD.name()));

    public boolean matches(String path) {
        return path.startsWith(pathPrefix);
    }

    /** Longest prefix wins, like nginx prefix locations. */
    public static Optional<Route> find(List<Route> routes, String path) {
        return routes.stream()
                .filter(route -> route.matches(path))
                .max(Comparator.comparingInt(route -> route.pathPrefix().length()));
    }
}
