package com.acme.crm.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The local stack, docker-compose.yml, the nginx gateway and the services' own configuration describe one system in
 * four places; these checks fail when one of them drifts.
 */
class DeploymentConsistencyTest {

    static final Path ROOT = repositoryRoot();
    private static final Pattern NGINX_LOCATION = Pattern.compile("location\\s+(/\\S*)\\s*\\{\\s*proxy_pass\\s+http://([\\w-]+)\\s*;");
    private static final Pattern NGINX_UPSTREAM = Pattern.compile("upstream\\s+([\\w-]+)\\s*\\{\\s*server\\s+([\\w-]+):(\\d+)");

    @Test
    void nginxServesExactlyTheGatewayRouteTable() throws IOException {
        String nginx = nginxConf();
        Set<Route> nginxRoutes = new HashSet<>();
        Matcher location = NGINX_LOCATION.matcher(nginx);
        while (location.find()) {
            nginxRoutes.add(new Route(location.group(1), location.group(2)));
        }
        assertEquals(Set.copyOf(Route.TABLE), nginxRoutes);
        assertTrue(nginx.contains("\"title\":\"Not Found\",\"status\":404"), "nginx answers unknown paths with the 404 problem");
    }

    @Test
    void nginxUpstreamsAreTheServicesOnTheirPorts() throws IOException {
        Matcher upstream = NGINX_UPSTREAM.matcher(nginxConf());
        Map<String, Integer> upstreams = new java.util.HashMap<>();
        while (upstream.find()) {
            assertEquals(upstream.group(1), upstream.group(2), "upstream named after its compose service");
            upstreams.put(upstream.group(1), Integer.parseInt(upstream.group(3)));
        }
        assertEquals(ServiceDefinition.ALL.stream()
                .collect(Collectors.toMap(ServiceDefinition::name, ServiceDefinition::defaultPort)), upstreams);
        assertTrue(nginxConf().contains("listen " + StackConfig.DEFAULT_GATEWAY_PORT + ";"));
    }

    @Test
    void nginxServesTheConsoleThatComposeMountsAndTheLocalGatewayServes() throws IOException {
        Matcher root = Pattern.compile("location / \\{\\s*root (\\S+);").matcher(nginxConf());
        assertTrue(root.find(), "nginx serves the web console at /");
        String relativeDist = ROOT.relativize(ConsoleSite.distDirOf(ROOT)).toString();
        assertTrue(Files.readString(ROOT.resolve("docker-compose.yml")).contains("./" + relativeDist + ":" + root.group(1) + ":ro"),
                "docker-compose mounts " + relativeDist + " where nginx serves it from");
        assertTrue(!nginxConf().contains(ConsoleSite.DEV_TOKENS_PATH), "dev tokens are served by the local stack only");
        assertTrue(nginxConf().contains("add_header Content-Security-Policy \"" + ConsoleSite.CONTENT_SECURITY_POLICY + "\" always;"),
                "nginx sends the console's content security policy");
    }

    @Test
    void composeGivesEveryServiceTheContractEnvironmentAndPort() throws IOException {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Map<String, Object> environment = environmentOf(service);
            assertEquals(new TreeSet<>(ServiceEnvironment.NAMES), new TreeSet<>(environment.keySet()), service.name());
            assertEquals(Integer.toString(service.defaultPort()), environment.get("QUARKUS_HTTP_PORT").toString());
            assertEquals(service.database(), environment.get("DB_NAME"));
            assertEquals(StackConfig.DB_USER, environment.get("DB_USER"));
            assertEquals(StackConfig.DB_PASSWORD, environment.get("DB_PASSWORD"));
            assertEquals(DevTokens.ISSUER, environment.get("JWT_ISSUER"));
            assertEquals(List.of(service.defaultPort() + ":" + service.defaultPort()), composeService(service.name()).get("ports"));
            assertTrue(Files.readString(ROOT.resolve(service.name()).resolve("src/main/docker/Dockerfile.jvm"))
                    .contains("EXPOSE " + service.defaultPort()), service.name() + " Dockerfile.jvm exposes its port");
            String dockerfile = Files.readString(ROOT.resolve(service.name()).resolve("src/main/docker/Dockerfile.jvm"));
            for (String option : ServiceProcess.JVM_OPTIONS) {
                assertTrue(dockerfile.contains("\"" + option + "\""), service.name() + " Dockerfile.jvm runs the JVM with " + option);
            }
        }
    }

    @Test
    void composeGivesEachServiceExactlyTheVariablesItsConfigurationReads() throws IOException {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            ServiceVariables read = ServiceVariables.of(ROOT, service);
            read.assertFits(environmentOf(service).keySet(), "docker-compose.yml");
            if (read.reads("QUARKUS_HTTP_PORT")) {
                assertEquals(Integer.toString(service.defaultPort()), read.defaultOf("QUARKUS_HTTP_PORT"), "default port");
            }
            if (read.defaultOf("DB_NAME") != null) {
                assertEquals(service.database(), read.defaultOf("DB_NAME"), service.name() + " default database");
            }
        }
    }

    @Test
    void composeInfrastructurePortsAreTheLocalStackDefaults() throws IOException {
        assertEquals(List.of(StackConfig.DEFAULT_GATEWAY_PORT + ":" + StackConfig.DEFAULT_GATEWAY_PORT),
                composeService("gateway").get("ports"));
        assertEquals(List.of(StackConfig.DEFAULT_POSTGRES_PORT + ":5432"), composeService("postgres").get("ports"));
        assertTrue(composeService("kafka").get("ports").toString().contains(StackConfig.DEFAULT_KAFKA_PORT + ":"));
        String initSql = Files.readString(ROOT.resolve("deploy/postgres/init.sql"));
        ServiceDefinition.ALL.forEach(service ->
                assertTrue(initSql.contains("CREATE DATABASE " + service.database() + " OWNER " + StackConfig.DB_USER)));
    }

    /** SPEC rule 11: compose's PostgreSQL runs with the same durable settings as the local stack's, and nothing weaker. */
    @Test
    void composePostgresRunsWithTheLocalStacksDurableSettings() throws IOException {
        Object command = composeService("postgres").get("command");
        assertTrue(command instanceof List<?>, "postgres has a command list in docker-compose.yml");
        Map<String, String> settings = new TreeMap<>();
        List<?> words = (List<?>) command;
        for (int i = 0; i < words.size() - 1; i++) {
            if ("-c".equals(words.get(i))) {
                String[] setting = words.get(i + 1).toString().split("=", 2);
                settings.put(setting[0], setting[1]);
            }
        }
        assertEquals(new TreeMap<>(PostgresServer.DURABLE), settings);
        assertTrue(words.stream().noneMatch("-F"::equals), "-F would turn fsync off");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environmentOf(ServiceDefinition service) throws IOException {
        return (Map<String, Object>) composeService(service.name()).get("environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeService(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
        assertTrue(service != null, "docker-compose.yml has a service " + name);
        return service;
    }

    private static String nginxConf() throws IOException {
        return Files.readString(ROOT.resolve("deploy/nginx/nginx.conf"));
    }

    /** Maven runs tests in the module directory; the compose file is one level up. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
