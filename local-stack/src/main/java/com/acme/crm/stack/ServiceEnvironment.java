package com.acme.crm.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration contract of a service: these environment variables and nothing else. docker-compose.yml gives
 * the services the same names (a test checks it), so a service runs the same way here and in a container.
 */
public record ServiceEnvironment(int httpPort, String dbHost, int dbPort, String dbName, String dbUser,
                                 String dbPassword, String kafkaBootstrapServers, String jwtPublicKeyLocation,
                                 String jwtIssuer) {

    public static final List<String> NAMES = List.of("QUARKUS_HTTP_PORT", "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER",
            "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "JWT_PUBLIC_KEY_LOCATION", "JWT_ISSUER");

    public Map<String, String> toMap() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        environment.put("DB_HOST", dbHost);
        environment.put("DB_PORT", Integer.toString(dbPort));
        environment.put("DB_NAME", dbName);
        environment.put("DB_USER", dbUser);
        environment.put("DB_PASSWORD", dbPassword);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.put("JWT_PUBLIC_KEY_LOCATION", jwtPublicKeyLocation);
        environment.put("JWT_ISSUER", jwtIssuer);
        return environment;
    }
}
