package com.acme.crm.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Quarkus service as its own OS process ({@code java -jar quarkus-run.jar}), configured only through environment
 * variables, exactly as in a container. Also used by the system tests, which is why nothing here is hard-coded.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Everything needed to run one service; the environment is the whole configuration contract. */
    public record Spec(String name, Path jar, int port, Map<String, String> environment, Path logFile,
                       List<String> jvmOptions, Duration readyTimeout, Duration stopGrace) {

        public Spec(String name, Path jar, int port, Map<String, String> environment, Path logFile) {
            this(name, jar, port, environment, logFile, JVM_OPTIONS, Duration.ofSeconds(90), Duration.ofSeconds(15));
        }
    }

    /**
     * The services' production JVM settings (the same in each Dockerfile.jvm, checked by DeploymentConsistencyTest),
     * sized for RSS ≤ 300 MB per service (issue 9; measured in docs/performance.md): a bounded heap with room
     * above the live set, the serial collector (2 cores: G1's regions, remembered sets and concurrent threads cost
     * memory a small heap does not need), and caps on metaspace and code cache well above what a service uses
     * (they bound, they do not reserve), and a periodic trim of the C heap (JDK 17.0.9+), which otherwise keeps
     * what the JIT compilers and the clients' buffers freed. Thread stacks and direct buffers keep the JVM's defaults: smaller stacks
     * risk a StackOverflowError in long reactive chains, a direct-memory cap an OutOfMemoryError in Kafka's
     * fetches, for little RSS. The classes loaded while the service starts come from its AppCDS archive
     * ({@code app-cds.jsa} beside {@code quarkus-run.jar}, made by the build; the process runs in that folder): mapped,
     * not parsed into metaspace. A missing archive, or one made by another JVM build, is skipped: the service starts
     * as without it.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=96m", "-XX:TrimNativeHeapInterval=5000",
            "-XX:SharedArchiveFile=app-cds.jsa");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Spec spec;
    private Process process;

    public ServiceProcess(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    public String baseUrl() {
        return "http://localhost:" + spec.port();
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The JVM's log of this process' garbage collections, next to its own log ({@code lead-service-gc.log}). */
    public Path gcLog() {
        String name = spec.logFile().getFileName().toString();
        return spec.logFile().resolveSibling(name.replaceFirst("\\.log$", "") + "-gc.log");
    }

    /** Starts the process and returns once {@code /q/health/ready} answers 200. */
    public ServiceProcess start() throws IOException {
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException(spec.name() + ": " + spec.jar() + " is missing; build it with ./mvnw install -DskipTests");
        }
        Files.createDirectories(spec.logFile().getParent());
        List<String> command = new ArrayList<>();
        command.add(ChildProcesses.javaBinary());
        command.addAll(spec.jvmOptions());
        // beside the service's own log, a line a collection with its wall-clock time (what a pause cost, and when) and
        // its heap change by generation (what young collections promote, which fills the old one up to a full collection)
        command.add("-Xlog:gc,gc+heap:file=" + gcLog() + ":time:filecount=2,filesize=20m");
        command.addAll(List.of("-jar", spec.jar().toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.jar().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // glibc's default, 8 arenas a core, grows RSS for nothing here
        builder.environment().putAll(spec.environment());
        process = builder.start();
        awaitReady();
        return this;
    }

    private void awaitReady() {
        URI readiness = URI.create(baseUrl() + "/q/health/ready");
        long deadline = System.nanoTime() + spec.readyTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with " + process.exitValue() + ", log "
                        + spec.logFile() + ":\n" + ChildProcesses.tail(spec.logFile(), 40));
            }
            if (answersOk(readiness)) {
                return;
            }
            ChildProcesses.sleep(Duration.ofMillis(300));
        }
        kill();
        throw new IllegalStateException(spec.name() + " not ready within " + spec.readyTimeout() + ", log "
                + spec.logFile() + ":\n" + ChildProcesses.tail(spec.logFile(), 40));
    }

    private static boolean answersOk(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + uri, e);
        }
    }

    /** A clean stop: SIGTERM, then SIGKILL after the grace period. */
    public void stop() {
        ChildProcesses.stop(process, spec.stopGrace());
    }

    /** A crash: SIGKILL, no shutdown hooks; for fault tests. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
