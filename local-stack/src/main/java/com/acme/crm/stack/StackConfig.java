package com.acme.crm.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports it uses. Every value has a default and can be overridden by a
 * system property ({@code -Dcrm.stack.port.gateway=9080}) or the matching environment variable
 * ({@code CRM_STACK_PORT_GATEWAY=9080}), e.g. to run a second stack beside the first.
 */
public record StackConfig(Path repositoryRoot, Path baseDir, int gatewayPort, int postgresPort, int kafkaPort,
                          int kafkaControllerPort, Map<String, Integer> servicePorts) {

    public static final String DB_USER = "crm";
    public static final String DB_PASSWORD = "crm";
    public static final int DEFAULT_GATEWAY_PORT = 8080;
    public static final int DEFAULT_POSTGRES_PORT = 5432;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;

    public static StackConfig fromEnvironment() {
        Path root = Path.of(setting("root", defaultRepositoryRoot().toString())).toAbsolutePath().normalize();
        Path baseDir = Path.of(setting("dir", root.resolve(".local-stack").toString())).toAbsolutePath().normalize();
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            servicePorts.put(service.name(), port("port." + service.name(), service.defaultPort()));
        }
        return new StackConfig(root, baseDir, port("port.gateway", DEFAULT_GATEWAY_PORT),
                port("port.postgres", DEFAULT_POSTGRES_PORT), port("port.kafka", DEFAULT_KAFKA_PORT),
                port("port.kafka-controller", DEFAULT_KAFKA_CONTROLLER_PORT), Map.copyOf(servicePorts));
    }

    public Path postgresDir() {
        return baseDir.resolve("postgres");
    }

    public Path kafkaDir() {
        return baseDir.resolve("kafka");
    }

    public Path logsDir() {
        return baseDir.resolve("logs");
    }

    public Path jwtDir() {
        return baseDir.resolve("jwt");
    }

    public Path tokensFile() {
        return baseDir.resolve("tokens.env");
    }

    public int portOf(ServiceDefinition service) {
        return servicePorts.get(service.name());
    }

    /** Started from local-stack/ instead of the repository root: use the parent, where the service modules are. */
    private static Path defaultRepositoryRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(cwd.resolve(ServiceDefinition.LEAD.name()))
                && Files.isDirectory(cwd.resolveSibling(ServiceDefinition.LEAD.name()))) {
            return cwd.getParent();
        }
        return cwd;
    }

    private static int port(String key, int defaultPort) {
        return Integer.parseInt(setting(key, Integer.toString(defaultPort)));
    }

    private static String setting(String key, String defaultValue) {
        String property = System.getProperty("crm.stack." + key);
        if (property != null) {
            return property;
        }
        String variable = System.getenv("CRM_STACK_" + key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"));
        return variable != null ? variable : defaultValue;
    }
}
