package com.acme.crm.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Starts the whole system on one machine without Docker: PostgreSQL, Kafka, the three services and the gateway on
 * {@code http://localhost:8080}. Data lives under {@code .local-stack/} and survives restarts; Ctrl-C stops everything.
 *
 * <p>Flags: {@code --tokens-only} writes the JWT key pair and the demo tokens, then exits (for docker-compose);
 * {@code --help}.
 */
public final class LocalStack implements AutoCloseable {

    private final StackConfig config;
    private final AtomicBoolean stopped = new AtomicBoolean();
    // created before they start, so a Ctrl-C in the middle of starting still finds (and stops) every process
    private volatile PostgresServer postgres;
    private volatile KafkaServer kafka;
    private volatile List<ServiceProcess> services = List.of();
    private volatile Map<String, ServiceProcess.Spec> originalSpecs = Map.of();
    private volatile Gateway gateway;
    private volatile List<DevTokens.IssuedToken> tokens = List.of();

    private LocalStack(StackConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        quietLibraryLogging();
        List<String> flags = List.of(args);
        if (flags.contains("--help") || flags.contains("-h")) {
            printUsage();
            return;
        }
        StackConfig config = StackConfig.fromEnvironment();
        if (flags.contains("--tokens-only")) {
            DevTokens devTokens = new DevTokens(config.jwtDir(), config.tokensFile());
            devTokens.issue();
            System.out.println("JWT public key: " + devTokens.publicKeyFile());
            System.out.println("Tokens written to " + config.tokensFile());
            return;
        }

        long startedAt = System.nanoTime();
        LocalStack stack = new LocalStack(config);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        try {
            stack.startAll();
        } catch (Exception e) {
            System.err.println("Local stack failed to start: " + e.getMessage());
            System.exit(1); // runs the shutdown hook, which stops what did start
        }
        stack.printSummary(Duration.ofNanos(System.nanoTime() - startedAt));
        new CountDownLatch(1).await(); // keep running until Ctrl-C
    }

    /**
     * Starts a whole stack with the given folders and ports and returns once everything is ready; for the system
     * tests, which run the real processes on free ports. Close it to stop everything.
     */
    public static LocalStack startWith(StackConfig config) throws Exception {
        LocalStack stack = new LocalStack(config);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.gatewayPort();
    }

    /** The bearer token of a demo user (alice, bob, carol, dave). */
    public String tokenOf(String user) {
        return tokens.stream().filter(token -> token.user().name().equals(user)).findFirst()
                .map(DevTokens.IssuedToken::token)
                .orElseThrow(() -> new IllegalArgumentException("no demo user " + user));
    }

    /** One running service, e.g. to kill it in a fault test. */
    public ServiceProcess service(String name) {
        return services.stream().filter(service -> service.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /**
     * Starts one more instance of a running service on {@code port}: same database, same consumer group (the
     * scale-out test). It is stopped with the stack; {@link #service(String)} still names the first instance.
     */
    public ServiceProcess startAnotherInstance(String name, int port) throws IOException {
        ServiceProcess another;
        synchronized (this) {
            ServiceProcess.Spec first = service(name).spec();
            Map<String, String> environment = new LinkedHashMap<>(first.environment());
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            another = new ServiceProcess(new ServiceProcess.Spec(name, first.jar(), port, environment,
                    first.logFile().resolveSibling(name + "-" + port + ".log")));
            List<ServiceProcess> all = new ArrayList<>(services);
            all.add(another);
            services = List.copyOf(all);
        }
        // outside the lock: instances of two services may start side by side (the scale-out test)
        return another.start();
    }

    /**
     * Stops the first instance of a service and starts it again with {@code changes} to its environment (the others as
     * the stack gives them), e.g. a short qualification timeout for one test; {@code Map.of()} restores the stack's own.
     * Instances started later by {@link #startAnotherInstance} copy the changed environment.
     */
    public synchronized ServiceProcess restartWith(String name, Map<String, String> changes) throws IOException {
        ServiceProcess first = service(name);
        ServiceProcess.Spec original = originalSpecs.get(name);
        Map<String, String> environment = new LinkedHashMap<>(original.environment());
        environment.putAll(changes);
        first.stop();
        ServiceProcess restarted = new ServiceProcess(new ServiceProcess.Spec(name, original.jar(), original.port(),
                environment, original.logFile()));
        List<ServiceProcess> all = new ArrayList<>(services);
        all.set(all.indexOf(first), restarted);
        services = List.copyOf(all);
        return restarted.start();
    }

    /** The PostgreSQL server of all three databases, e.g. to kill and restart it in a fault test. */
    public PostgresServer postgres() {
        return postgres;
    }

    /** The broker process, e.g. to kill and restart it in a fault test. */
    public KafkaServer kafka() {
        return kafka;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public StackConfig config() {
        return config;
    }

    /** Stops everything that started, in reverse order; safe to call twice (shutdown hook and caller). */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            stop();
        }
    }

    private void startAll() throws Exception {
        DevTokens devTokens = new DevTokens(config.jwtDir(), config.tokensFile());
        tokens = devTokens.issue();
        start(devTokens);
    }

    private void start(DevTokens devTokens) {
        checkPrerequisites();
        List<String> databases = ServiceDefinition.ALL.stream().map(ServiceDefinition::database).toList();
        postgres = new PostgresServer(new PostgresServer.Settings(config.postgresDir(),
                config.logsDir().resolve("postgres.log"), config.postgresPort(),
                StackConfig.DB_USER, StackConfig.DB_PASSWORD, databases));
        kafka = new KafkaServer(new KafkaServer.Settings(config.kafkaDir(), config.kafkaPort(), config.kafkaControllerPort()));
        services = ServiceDefinition.ALL.stream().map(service -> serviceProcess(service, devTokens)).toList();
        originalSpecs = services.stream().collect(Collectors.toUnmodifiableMap(
                service -> service.spec().name(), ServiceProcess::spec));

        // the two infrastructure servers are independent: start them side by side, then the services side by side
        awaitAll(List.of(
                CompletableFuture.runAsync(() -> startOrFail("PostgreSQL", postgres::start)),
                CompletableFuture.runAsync(() -> startOrFail("Kafka", kafka::start))));
        awaitAll(services.stream()
                .map(service -> CompletableFuture.runAsync(() -> startOrFail(service.spec().name(), service::start)))
                .toList());
        gateway = new Gateway(config.gatewayPort(), Route.TABLE, upstreams(), console());
        startOrFail("the gateway on port " + config.gatewayPort(), gateway::start);
    }

    /** Fails before starting anything when a jar is missing or a port is taken (often: a stack already running). */
    private void checkPrerequisites() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            if (!Files.isRegularFile(service.runnableJar(config.repositoryRoot()))) {
                throw new IllegalStateException(service.runnableJar(config.repositoryRoot())
                        + " is missing: run ./mvnw install -DskipTests (or local-stack/start.sh --rebuild)");
            }
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway", config.gatewayPort());
        ports.put("postgres", config.postgresPort());
        ports.put("kafka", config.kafkaPort());
        ports.put("kafka-controller", config.kafkaControllerPort());
        ports.putAll(config.servicePorts());
        ports.forEach((name, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (Exception e) {
                throw new IllegalStateException("port " + port + " (" + name + ") is in use: is another local stack "
                        + "running (ps -ef | grep -e local-stack -e postgres)? Or choose another port with "
                        + "-Dcrm.stack.port." + name + "=...");
            }
        });
    }

    private ServiceProcess serviceProcess(ServiceDefinition service, DevTokens devTokens) {
        int port = config.portOf(service);
        ServiceEnvironment environment = new ServiceEnvironment(port, "localhost", config.postgresPort(),
                service.database(), StackConfig.DB_USER, StackConfig.DB_PASSWORD, "localhost:" + config.kafkaPort(),
                devTokens.publicKeyFile().toAbsolutePath().toString(), DevTokens.ISSUER);
        return new ServiceProcess(new ServiceProcess.Spec(service.name(), service.runnableJar(config.repositoryRoot()),
                port, environment.toMap(), config.logsDir().resolve(service.name() + ".log")));
    }

    private ConsoleSite console() {
        return new ConsoleSite(ConsoleSite.distDirOf(config.repositoryRoot()), tokens);
    }

    private Map<String, Gateway.Upstream> upstreams() {
        Map<String, Gateway.Upstream> upstreams = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(service ->
                upstreams.put(service.name(), new Gateway.Upstream("localhost", config.portOf(service))));
        return upstreams;
    }

    /** A start step that may throw anything; its failure names the part that failed. */
    private interface StartStep {
        Object start() throws Exception;
    }

    private static void startOrFail(String part, StartStep step) {
        try {
            step.start();
        } catch (Exception e) {
            throw new IllegalStateException(part + " failed to start: " + e.getMessage(), e);
        }
    }

    /** Waits for every start, so all failures are reported together, then fails if any did. */
    private void awaitAll(List<CompletableFuture<Void>> starts) {
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
            } catch (CompletionException e) {
                failures.add(e.getCause().getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join(System.lineSeparator(), failures)
                    + System.lineSeparator() + "(logs in " + config.logsDir() + " and " + config.kafkaDir() + ")");
        }
    }

    /** Reverse order of start: the gateway, the services (in parallel, they are independent), Kafka, PostgreSQL. */
    private void stop() {
        System.out.println(System.lineSeparator() + "Stopping the local stack...");
        closeQuietly(gateway);
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(service::stop))
                .toArray(CompletableFuture[]::new)).join();
        closeQuietly(kafka);
        closeQuietly(postgres);
        System.out.println("Stopped.");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("while stopping " + closeable + ": " + e);
        }
    }

    private void printSummary(Duration readyAfter) {
        String gateway = "http://localhost:" + config.gatewayPort();
        StringBuilder text = new StringBuilder("\n");
        text.append(String.format("Local stack ready in %.1f s%n%n", readyAfter.toMillis() / 1000.0));
        text.append(String.format("  Console      %s/%s%n", gateway, console().isBuilt() ? ""
                : "  (not built yet: ./mvnw -pl web-console package, or cd web-console && npm ci && npm run build)"));
        text.append(String.format("  Gateway      %s  (routes: %s)%n", gateway,
                String.join(", ", Route.TABLE.stream().map(Route::pathPrefix).toList())));
        for (ServiceProcess service : services) {
            String url = service.baseUrl();
            text.append(String.format("  %-20s %s   OpenAPI %s/openapi/%s   health %s/q/health   log %s%n",
                    service.spec().name(), url, url, service.spec().name(), url, service.spec().logFile()));
        }
        text.append(String.format("  Kafka        %s%n", kafka.bootstrapServers()));
        text.append(String.format("  PostgreSQL   %s  (user %s, password %s; databases %s)%n",
                postgres.jdbcUrl("<db>"), StackConfig.DB_USER, StackConfig.DB_PASSWORD,
                String.join(", ", ServiceDefinition.ALL.stream().map(ServiceDefinition::database).toList())));
        text.append(String.format("  Data         %s%n%n", config.baseDir()));
        text.append("Tokens (").append(String.join(", ", tokens.stream()
                .map(t -> t.user().name() + "=" + t.user().role()).toList())).append(") written to ")
                .append(config.tokensFile()).append('\n');
        text.append("Try:\n  set -a; . ").append(config.tokensFile()).append("; set +a\n")
                .append("  curl -H \"Authorization: Bearer $ALICE_TOKEN\" ").append(gateway).append("/api/leads\n\n")
                .append("Press Ctrl-C to stop everything.\n");
        System.out.print(text);
    }

    private static void printUsage() {
        System.out.println("""
                Usage: local-stack/start.sh [--rebuild] [--tokens-only] [--help]
                  (from the repository root; it builds what is missing first)

                  --tokens-only   write the JWT key pair (.local-stack/jwt/) and demo tokens (.local-stack/tokens.env), exit
                Overrides (system property or environment variable):
                  -Dcrm.stack.dir=...                 CRM_STACK_DIR            data folder (default .local-stack)
                  -Dcrm.stack.port.gateway=8080       CRM_STACK_PORT_GATEWAY
                  -Dcrm.stack.port.postgres=5432      CRM_STACK_PORT_POSTGRES
                  -Dcrm.stack.port.kafka=9092         CRM_STACK_PORT_KAFKA
                  -Dcrm.stack.port.kafka-controller=9093
                  -Dcrm.stack.port.lead-service=8081 (account-service 8082, opportunity-service 8083)
                """);
    }

    /** The stack's own JVM only needs to say something when it goes wrong; children log to their own files. */
    private static void quietLibraryLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
    }
}
