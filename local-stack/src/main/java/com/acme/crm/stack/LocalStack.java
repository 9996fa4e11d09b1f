package com.acme.crm.stack;

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

/**
 * Starts the whole system on one machine without Docker: PostgreSQL, Kafka, the three services and the gateway on
 * {@code http://localhost:8080}. Data lives under {@code .local-stack/} and survives restarts; Ctrl-C stops everything.
 *
 * <p>Flags: {@code --tokens-only} writes the JWT key pair and the demo tokens, then exits (for docker-compose);
 * {@code --help}.
 */
public final class LocalStack {

    private final StackConfig config;
    private final List<AutoCloseable> startedInOrder = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaServer kafka;

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
        long startedAt = System.nanoTime();
        DevTokens devTokens = new DevTokens(config.jwtDir(), config.tokensFile());
        List<DevTokens.IssuedToken> tokens = devTokens.issue();
        if (flags.contains("--tokens-only")) {
            System.out.println("JWT public key: " + devTokens.publicKeyFile());
            System.out.println("Tokens written to " + config.tokensFile());
            return;
        }

        LocalStack stack = new LocalStack(config);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        try {
            stack.start(devTokens);
        } catch (RuntimeException | Error e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("Local stack failed to start: " + cause.getMessage());
            System.exit(1); // runs the shutdown hook, which stops what did start
        }
        Duration readyAfter = Duration.ofNanos(System.nanoTime() - startedAt);
        stack.printSummary(tokens, readyAfter);
        new CountDownLatch(1).await(); // keep running until Ctrl-C
    }

    private void start(DevTokens devTokens) {
        checkPrerequisites();
        // the two infrastructure servers are independent: start them side by side
        CompletableFuture<PostgresServer> postgresStarted = CompletableFuture.supplyAsync(this::startPostgres);
        CompletableFuture<KafkaServer> kafkaStarted = CompletableFuture.supplyAsync(this::startKafka);
        postgres = register(postgresStarted.join());
        kafka = register(kafkaStarted.join());

        List<CompletableFuture<ServiceProcess>> starting = ServiceDefinition.ALL.stream()
                .map(service -> CompletableFuture.supplyAsync(() -> startService(service, devTokens)))
                .toList();
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<ServiceProcess> future : starting) {
            try {
                services.add(future.join());
            } catch (CompletionException e) {
                failures.add(e.getCause());
            }
        }
        startedInOrder.addAll(services);
        if (!failures.isEmpty()) {
            failures.forEach(failure -> System.err.println(failure.getMessage()));
            throw new IllegalStateException(failures.size() + " service(s) did not start; logs in " + config.logsDir());
        }
        register(startGateway());
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
        ports.put("kafka controller", config.kafkaControllerPort());
        ports.putAll(config.servicePorts());
        ports.forEach((name, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (Exception e) {
                throw new IllegalStateException("port " + port + " (" + name + ") is in use; is another stack running? "
                        + "Override with -Dcrm.stack.port.<name>=...");
            }
        });
    }

    private PostgresServer startPostgres() {
        try {
            List<String> databases = ServiceDefinition.ALL.stream().map(ServiceDefinition::database).toList();
            return new PostgresServer(new PostgresServer.Settings(config.postgresDir(),
                    config.logsDir().resolve("postgres.log"), config.postgresPort(),
                    StackConfig.DB_USER, StackConfig.DB_PASSWORD, databases)).start();
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException("PostgreSQL failed to start: " + e.getMessage(), e));
        }
    }

    private KafkaServer startKafka() {
        try {
            return new KafkaServer(new KafkaServer.Settings(config.kafkaDir(), config.kafkaPort(),
                    config.kafkaControllerPort())).start();
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException("Kafka failed to start: " + e.getMessage(), e));
        }
    }

    private ServiceProcess startService(ServiceDefinition service, DevTokens devTokens) {
        int port = config.portOf(service);
        ServiceEnvironment environment = new ServiceEnvironment(port, "localhost", config.postgresPort(),
                service.database(), StackConfig.DB_USER, StackConfig.DB_PASSWORD, "localhost:" + config.kafkaPort(),
                devTokens.publicKeyFile().toAbsolutePath().toString(), DevTokens.ISSUER);
        ServiceProcess process = new ServiceProcess(new ServiceProcess.Spec(service.name(),
                service.runnableJar(config.repositoryRoot()), port, environment.toMap(),
                config.logsDir().resolve(service.name() + ".log")));
        try {
            return process.start();
        } catch (Exception e) {
            process.stop();
            throw new CompletionException(e);
        }
    }

    private Gateway startGateway() {
        Map<String, Gateway.Upstream> upstreams = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(service ->
                upstreams.put(service.name(), new Gateway.Upstream("localhost", config.portOf(service))));
        try {
            return new Gateway(config.gatewayPort(), Route.TABLE, upstreams).start();
        } catch (Exception e) {
            throw new IllegalStateException("the gateway failed to start on port " + config.gatewayPort() + ": " + e, e);
        }
    }

    private <T extends AutoCloseable> T register(T started) {
        synchronized (startedInOrder) {
            startedInOrder.add(started);
        }
        return started;
    }

    /** Reverse order of start: the gateway first, the services (in parallel, they are independent), Kafka, PostgreSQL. */
    private void stop() {
        System.out.println("\nStopping the local stack...");
        List<AutoCloseable> toStop;
        synchronized (startedInOrder) {
            toStop = new ArrayList<>(startedInOrder);
        }
        // services may still be starting when Ctrl-C comes; stop those too
        services.stream().filter(s -> !toStop.contains(s)).forEach(toStop::add);
        List<AutoCloseable> serviceProcesses = toStop.stream().filter(c -> c instanceof ServiceProcess).toList();
        List<AutoCloseable> others = new ArrayList<>(toStop);
        others.removeAll(serviceProcesses);
        others.stream().filter(c -> c instanceof Gateway).forEach(LocalStack::closeQuietly);
        CompletableFuture.allOf(serviceProcesses.stream()
                .map(service -> CompletableFuture.runAsync(() -> closeQuietly(service)))
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

    private void printSummary(List<DevTokens.IssuedToken> tokens, Duration readyAfter) {
        String gateway = "http://localhost:" + config.gatewayPort();
        StringBuilder text = new StringBuilder("\n");
        text.append(String.format("Local stack ready in %.1f s%n%n", readyAfter.toMillis() / 1000.0));
        text.append(String.format("  Gateway      %s  (routes: %s)%n", gateway,
                String.join(", ", Route.TABLE.stream().map(Route::pathPrefix).toList())));
        for (ServiceProcess service : services) {
            String url = service.baseUrl();
            text.append(String.format("  %-20s %s   OpenAPI %s/q/openapi   health %s/q/health   log %s%n",
                    service.spec().name(), url, url, url, service.spec().logFile()));
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
                Usage: java -jar local-stack/target/local-stack.jar [--tokens-only] [--help]
                  (from the repository root; local-stack/start.sh builds what is missing first)

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
