package com.acme.crm.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the three services: its name (also its Maven module and its docker-compose service), its default HTTP port
 * and its database.
 */
public record ServiceDefinition(String name, int defaultPort, String database) {

    public static final ServiceDefinition LEAD = new ServiceDefinition("lead-service", 8081, "lead");
    public static final ServiceDefinition ACCOUNT = new ServiceDefinition("account-service", 8082, "account");
    public static final ServiceDefinition OPPORTUNITY = new ServiceDefinition("opportunity-service", 8083, "opportunity");

    public static final List<ServiceDefinition> ALL = List.of(LEAD, ACCOUNT, OPPORTUNITY);

    /** The runnable jar of the Quarkus fast-jar layout, relative to the repository root. */
    public Path runnableJar(Path repositoryRoot) {
        return repositoryRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static ServiceDefinition named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }
}
