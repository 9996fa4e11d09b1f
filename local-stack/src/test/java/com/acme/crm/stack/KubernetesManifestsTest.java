package com.acme.crm.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes without a cluster: every manifest kustomization.yaml lists is parsed and checked for what a wrong
 * value would only show at deploy time (a selector that matches no pod, a probe on the wrong port, a variable the
 * service never reads, a route that differs from the other gateways).
 */
class KubernetesManifestsTest {

    private static final Path DIR = DeploymentConsistencyTest.ROOT.resolve("deploy/kubernetes");
    private static final Map<String, String> API_VERSIONS = Map.of(
            "Namespace", "v1",
            "ConfigMap", "v1",
            "Secret", "v1",
            "Service", "v1",
            "Deployment", "apps/v1",
            "HorizontalPodAutoscaler", "autoscaling/v2",
            "PodDisruptionBudget", "policy/v1",
            "Ingress", "networking.k8s.io/v1");

    private final List<Map<String, Object>> manifests = load(kustomization().list("resources"));
    // created by hand from this example (never committed with real values), so not in the kustomization
    private final List<Map<String, Object>> secrets = load(List.of("examples/secrets.example.yaml"));

    @Test
    void everyManifestIsInTheKustomizationAndOfAKnownKindAndVersion() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            Set<String> yaml = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(yaml, new TreeSet<>(kustomization().list("resources")), "kustomization.yaml lists every manifest");
        }
        for (Map<String, Object> manifest : concat(manifests, secrets)) {
            Node node = new Node(manifest);
            String kind = node.text("kind");
            assertEquals(API_VERSIONS.get(kind), node.text("apiVersion"), "apiVersion of " + kind);
            assertTrue(!node.text("metadata", "name").isBlank(), kind + " has a name");
        }
        assertEquals("crm", kustomization().text("namespace"));
        assertEquals("crm", only("Namespace", "crm").text("metadata", "name"));
    }

    @Test
    void eachServiceHasADeploymentWithProbesResourcesAndALockedDownContainer() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Node deployment = only("Deployment", service.name());
            Map<String, Object> podLabels = deployment.map("spec", "template", "metadata", "labels");
            assertLabelsSelect(deployment.map("spec", "selector", "matchLabels"), podLabels, "Deployment " + service.name());
            assertEquals(2, deployment.number("spec", "replicas"));

            Node container = container(deployment);
            assertTrue(container.text("image").startsWith("crm/" + service.name() + ":"), container.text("image"));
            Node port = new Node(container.list("ports").get(0));
            assertEquals(service.defaultPort(), port.number("containerPort"));
            assertProbe(container, port, "livenessProbe", "/q/health/live");
            assertProbe(container, port, "readinessProbe", "/q/health/ready");
            assertProbe(container, port, "startupProbe", "/q/health/started");
            for (String bound : List.of("requests", "limits")) {
                assertTrue(container.map("resources", bound).keySet().containsAll(List.of("cpu", "memory")),
                        service.name() + " sets cpu and memory " + bound);
            }

            assertEquals(true, deployment.get("spec", "template", "spec", "securityContext", "runAsNonRoot"));
            assertEquals(true, container.get("securityContext", "readOnlyRootFilesystem"));
            assertEquals(false, container.get("securityContext", "allowPrivilegeEscalation"));
            String tmpVolume = mountAt(container, "/tmp");
            assertNotNull(volume(deployment, tmpVolume).get("emptyDir"), service.name() + ": /tmp is an emptyDir");
        }
    }

    @Test
    void eachDeploymentSetsExactlyTheVariablesItsServiceReads() throws IOException {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Node deployment = only("Deployment", service.name());
            Map<String, String> environment = environmentOf(deployment);
            ServiceVariables.of(DeploymentConsistencyTest.ROOT, service)
                    .assertFits(environment.keySet(), "deploy/kubernetes/" + service.name() + ".yaml");
            assertTrue(environment.keySet().containsAll(ServiceEnvironment.NAMES), service.name() + " gets the whole contract");
            assertEquals(Integer.toString(service.defaultPort()), environment.get("QUARKUS_HTTP_PORT"));
            assertEquals(service.database(), environment.get("DB_NAME"));
            assertEquals(DevTokens.ISSUER, environment.get("JWT_ISSUER"));

            // the public key file is where the JWT Secret is mounted
            Node container = container(deployment);
            String keyFile = environment.get("JWT_PUBLIC_KEY_LOCATION");
            String jwtVolume = mountAt(container, keyFile.substring(0, keyFile.lastIndexOf('/')));
            String secretName = volume(deployment, jwtVolume).text("secret", "secretName");
            assertTrue(secret(secretName).map("stringData").containsKey(keyFile.substring(keyFile.lastIndexOf('/') + 1)),
                    "Secret " + secretName + " holds " + keyFile);
        }
    }

    @Test
    void servicesAutoscalersAndDisruptionBudgetsSelectTheirDeployments() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Node deployment = only("Deployment", service.name());
            Map<String, Object> podLabels = deployment.map("spec", "template", "metadata", "labels");

            Node kubeService = only("Service", service.name());
            assertLabelsSelect(kubeService.map("spec", "selector"), podLabels, "Service " + service.name());
            Node servicePort = new Node(kubeService.list("spec", "ports").get(0));
            assertEquals(service.defaultPort(), servicePort.number("port"));
            Node containerPort = new Node(container(deployment).list("ports").get(0));
            assertTrue(servicePort.get("targetPort").equals(containerPort.get("name"))
                    || servicePort.get("targetPort").equals(containerPort.get("containerPort")), "Service targets the container port");

            Node autoscaler = only("HorizontalPodAutoscaler", service.name());
            assertEquals(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", service.name()),
                    autoscaler.map("spec", "scaleTargetRef"));
            assertEquals(deployment.number("spec", "replicas"), autoscaler.number("spec", "minReplicas"));
            assertTrue(autoscaler.number("spec", "maxReplicas") > autoscaler.number("spec", "minReplicas"));
            Node metric = new Node(autoscaler.list("spec", "metrics").get(0));
            assertEquals("cpu", metric.text("resource", "name"));
            assertEquals(70, metric.number("resource", "target", "averageUtilization"));

            Node budget = only("PodDisruptionBudget", service.name());
            assertEquals(1, budget.number("spec", "minAvailable"));
            assertLabelsSelect(budget.map("spec", "selector", "matchLabels"), podLabels, "PodDisruptionBudget " + service.name());
        }
    }

    @Test
    void theIngressRoutesAreTheGatewayRouteTable() {
        Node ingress = only("Ingress", "crm");
        assertEquals("nginx", ingress.text("spec", "ingressClassName"));
        Set<Route> routes = new HashSet<>();
        for (Object rule : ingress.list("spec", "rules")) {
            for (Object entry : new Node(rule).list("http", "paths")) {
                Node path = new Node(entry);
                assertEquals("Prefix", path.text("pathType"));
                String serviceName = path.text("backend", "service", "name");
                Node servicePort = new Node(only("Service", serviceName).list("spec", "ports").get(0));
                assertEquals(servicePort.get("name"), path.get("backend", "service", "port", "name"), path.text("path"));
                routes.add(new Route(path.text("path"), serviceName));
            }
        }
        assertTrue(routes.remove(new Route("/", "web-console")), "the Ingress serves the web console at /");
        assertEquals(Set.copyOf(Route.TABLE), routes);
        // the compose gateway's limits, as ingress-nginx annotations
        Map<String, Object> annotations = ingress.map("metadata", "annotations");
        assertEquals("1m", annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertTrue(Integer.parseInt((String) annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")) >= 35,
                "read timeout above Prefer: wait=30");
    }

    /** The routes that take larger bodies have an Ingress each (annotations apply per Ingress), with nginx.conf's sizes. */
    @Test
    void theLargerBodyRoutesHaveTheirOwnIngressWithTheGatewaySizes() {
        Map<String, String> sizes = new java.util.TreeMap<>();
        for (Node ingress : ofKind("Ingress")) {
            if (ingress.text("metadata", "name").equals("crm")) {
                continue;
            }
            for (Object rule : ingress.list("spec", "rules")) {
                for (Object entry : new Node(rule).list("http", "paths")) {
                    Node path = new Node(entry);
                    assertEquals("lead-service", path.text("backend", "service", "name"), path.text("path"));
                    sizes.put(path.text("path"), (String) ingress.map("metadata", "annotations").get("nginx.ingress.kubernetes.io/proxy-body-size"));
                }
            }
        }
        assertEquals(Map.of("/api/leads/[^/]+/attachments$", "26m", "/api/leads/qualify-jobs", "5m"), sizes);
    }

    /** Every variable the container gets: its ConfigMaps (which must exist) and its own env entries. */
    private Map<String, String> environmentOf(Node deployment) {
        Node container = container(deployment);
        Map<String, String> environment = new java.util.TreeMap<>();
        for (Object source : container.list("envFrom")) {
            String configMap = new Node(source).text("configMapRef", "name");
            only("ConfigMap", configMap).map("data").forEach((name, value) -> environment.put(name, value.toString()));
        }
        for (Object entry : container.list("env")) {
            Node variable = new Node(entry);
            if (variable.get("valueFrom") != null) {
                String secretName = variable.text("valueFrom", "secretKeyRef", "name");
                String key = variable.text("valueFrom", "secretKeyRef", "key");
                Object value = secret(secretName).map("stringData").get(key);
                assertNotNull(value, "Secret " + secretName + " has the key " + key);
                environment.put(variable.text("name"), value.toString());
            } else {
                environment.put(variable.text("name"), variable.text("value"));
            }
        }
        return environment;
    }

    private static void assertProbe(Node container, Node port, String probe, String path) {
        assertEquals(path, container.text(probe, "httpGet", "path"), probe);
        Object probePort = container.get(probe, "httpGet", "port");
        assertTrue(probePort.equals(port.get("name")) || probePort.equals(port.get("containerPort")),
                probe + " asks the container's port, not " + probePort);
    }

    private static void assertLabelsSelect(Map<String, Object> selector, Map<String, Object> podLabels, String what) {
        assertTrue(!selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet()),
                what + " selects the pods: " + selector + " within " + podLabels);
    }

    private static Node container(Node deployment) {
        List<Object> containers = deployment.list("spec", "template", "spec", "containers");
        assertEquals(1, containers.size());
        return new Node(containers.get(0));
    }

    private static String mountAt(Node container, String mountPath) {
        return container.list("volumeMounts").stream().map(Node::new)
                .filter(mount -> mount.text("mountPath").equals(mountPath))
                .map(mount -> mount.text("name"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
    }

    private static Node volume(Node deployment, String name) {
        return deployment.list("spec", "template", "spec", "volumes").stream().map(Node::new)
                .filter(volume -> volume.text("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private Node secret(String name) {
        return secrets.stream().map(Node::new).filter(secret -> secret.text("metadata", "name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Secret " + name + " in examples/secrets.example.yaml"));
    }

    private List<Node> ofKind(String kind) {
        return manifests.stream().map(Node::new).filter(node -> node.text("kind").equals(kind)).toList();
    }

    private Node only(String kind, String name) {
        List<Node> found = ofKind(kind).stream().filter(node -> node.text("metadata", "name").equals(name)).toList();
        assertEquals(1, found.size(), "one " + kind + " named " + name);
        return found.get(0);
    }

    private static Node kustomization() {
        return new Node(load(List.of("kustomization.yaml")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(List<Object> files) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object file : files) {
            try {
                new Yaml().loadAll(Files.readString(DIR.resolve(file.toString()))).forEach(document -> {
                    if (document != null) {
                        documents.add((Map<String, Object>) document);
                    }
                });
            } catch (IOException e) {
                throw new AssertionError("cannot read deploy/kubernetes/" + file, e);
            }
        }
        return documents;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /** A parsed YAML node with typed lookups along a path of keys; a missing key fails with the path. */
    private record Node(Object value) {

        Object get(String... path) {
            Object current = value;
            for (String key : path) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(key);
            }
            return current;
        }

        String text(String... path) {
            return Objects.requireNonNull(get(path), () -> "missing " + String.join(".", path)).toString();
        }

        int number(String... path) {
            return ((Number) Objects.requireNonNull(get(path), () -> "missing " + String.join(".", path))).intValue();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String... path) {
            return (Map<String, Object>) Objects.requireNonNull(get(path), () -> "missing " + String.join(".", path));
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String... path) {
            Object found = get(path);
            return found == null ? List.of() : (List<Object>) found;
        }
    }
}
