package com.acme.crm.testinfra;

import org.testcontainers.DockerClientFactory;

/**
 * The switches that choose where the tests' Kafka and PostgreSQL come from (documented in the README).
 */
final class InfrastructureMode {

    static final String KAFKA_IMAGE_TAG = "4.0.0";
    static final String POSTGRES_IMAGE_TAG = "17";

    private InfrastructureMode() {
    }

    /** Bootstrap servers of an already running broker, e.g. {@code localhost:9092}. */
    static String externalKafka() {
        return setting("CRM_TEST_KAFKA");
    }

    /** JDBC URL of an already running server's maintenance database, with user and password in the URL. */
    static String externalPostgres() {
        return setting("CRM_TEST_POSTGRES");
    }

    static boolean useTestcontainers() {
        if (!"testcontainers".equalsIgnoreCase(setting("CRM_TEST_INFRA"))) {
            return false;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("CRM_TEST_INFRA=testcontainers, but no Docker engine is reachable");
        }
        return true;
    }

    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value.trim();
    }
}
