package com.acme.crm.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The environment variables a service's configuration reads, {@code ${NAME}} (required) or {@code ${NAME:default}} (an
 * optional knob): its application.properties and the defaults every service shares from service-common; and the check
 * every deployment of the service must pass.
 */
record ServiceVariables(ServiceDefinition service, Path properties, Map<String, String> defaults) {

    private static final String SHARED = "service-common/src/main/resources/META-INF/microprofile-config.properties";
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    static ServiceVariables of(Path repositoryRoot, ServiceDefinition service) throws IOException {
        Path properties = repositoryRoot.resolve(service.name()).resolve("src/main/resources/application.properties");
        assumeTrue(Files.exists(properties), properties + " not written yet");
        Map<String, String> read = new TreeMap<>(); // name -> default value, null when required
        Matcher reference = ENV_REFERENCE.matcher(Files.readString(repositoryRoot.resolve(SHARED)) + "\n"
                + Files.readString(properties)); // the service's own settings last: they override the shared ones
        while (reference.find()) {
            read.put(reference.group(1), reference.group(2) == null ? null : reference.group(2).substring(1));
        }
        return new ServiceVariables(service, properties, Collections.unmodifiableMap(read));
    }

    boolean reads(String name) {
        return defaults.containsKey(name);
    }

    String defaultOf(String name) {
        return defaults.get(name);
    }

    /** {@code given}: the variables a deployment ({@code where}) sets for this service. */
    void assertFits(Set<String> given, String where) {
        // every variable set must be read (a typo or a dead setting otherwise); QUARKUS_* variables also map onto
        // Quarkus properties by name, so for them a ${...} reference is optional
        Set<String> givenButUnread = given.stream()
                .filter(name -> !name.startsWith("QUARKUS_") && !reads(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), givenButUnread, service.name() + ": set in " + where + ", never read by " + properties
                + " nor " + SHARED);
        // every variable read without a default must be set; ${NAME:default} is an optional tuning knob
        Set<String> requiredButNotGiven = defaults.entrySet().stream()
                .filter(entry -> entry.getValue() == null && !given.contains(entry.getKey()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), requiredButNotGiven, service.name() + ": required by " + properties + ", not set in " + where);
        // and the contract's variables are all read, so the same environment configures the service everywhere
        ServiceEnvironment.NAMES.stream().filter(name -> !name.startsWith("QUARKUS_")).forEach(name ->
                assertTrue(reads(name), service.name() + " reads ${" + name + "} in " + properties));
    }
}
