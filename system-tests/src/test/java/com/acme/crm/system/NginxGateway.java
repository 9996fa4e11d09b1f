package com.acme.crm.system;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real nginx running deploy/nginx/nginx.conf: the file docker-compose mounts, with only its upstream
 * {@code server host:port;} lines and its {@code listen} line pointed at this machine's ports.
 */
final class NginxGateway implements AutoCloseable {

    private static final Pattern UPSTREAM_SERVER = Pattern.compile("^(\\s*)server\\s+([\\w-]+):(\\d+);\\s*$");
    private static final Pattern LISTEN = Pattern.compile("^(\\s*)listen\\s+\\d+;\\s*$");
    // the folder docker-compose mounts the web console into; here, the console this build made
    private static final Pattern CONSOLE_ROOT = Pattern.compile("^(\\s*)root\\s+/usr/share/nginx/console;\\s*$");
    static final Path CONSOLE_DIST = Path.of("").toAbsolutePath().getParent().resolve("web-console/target/dist");

    private final Path dir;
    private final int port;
    private final Process process;

    private NginxGateway(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts nginx on {@code port} in front of {@code upstreams} (upstream name, e.g. lead-service, to local port). */
    static NginxGateway start(Path conf, int port, Map<String, Integer> upstreams) throws Exception {
        Path binary = binary();
        Path dir = Files.createTempDirectory("crm-nginx");
        Files.write(dir.resolve("nginx.conf"), rewrite(Files.readAllLines(conf), port, upstreams));
        // pid and daemon are main-context settings the conf leaves to its runtime, so -g sets them without touching it
        Process process = new ProcessBuilder(binary.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", dir.resolve("nginx.conf").toString(), "-g", "pid " + dir.resolve("nginx.pid") + "; daemon off;")
                .redirectOutput(dir.resolve("access.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        NginxGateway nginx = new NginxGateway(dir, port, process);
        Runtime.getRuntime().addShutdownHook(new Thread(nginx::close, "nginx-stop"));
        nginx.awaitListening(Duration.ofSeconds(10));
        return nginx;
    }

    /**
     * The conf with each upstream's server line, the listen line and the console's root replaced, every other line as it is; fails when
     * the conf's shape changed so that the substitution would not be exact.
     */
    static List<String> rewrite(List<String> lines, int port, Map<String, Integer> upstreams) {
        List<String> out = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        int listens = 0;
        for (String line : lines) {
            Matcher server = UPSTREAM_SERVER.matcher(line);
            Matcher listen = LISTEN.matcher(line);
            Matcher consoleRoot = CONSOLE_ROOT.matcher(line);
            if (server.matches()) {
                Integer local = upstreams.get(server.group(2));
                if (local == null || !replaced.add(server.group(2))) {
                    fail("nginx.conf: unexpected or repeated upstream server line: " + line);
                }
                out.add(server.group(1) + "server 127.0.0.1:" + local + ";");
            } else if (consoleRoot.matches()) {
                out.add(consoleRoot.group(1) + "root " + CONSOLE_DIST + ";");
            } else if (listen.matches()) {
                listens++;
                out.add(listen.group(1) + "listen 127.0.0.1:" + port + ";");
            } else {
                out.add(line);
            }
        }
        if (!replaced.equals(upstreams.keySet()) || listens != 1) {
            fail("nginx.conf: expected one server line for each of " + upstreams.keySet() + " and one listen line, "
                    + "found servers " + replaced + " and " + listens + " listen lines");
        }
        return out;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** What nginx logged to stdout (the access log) so far. */
    String accessLog() throws IOException {
        return Files.readString(dir.resolve("access.log"));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: nginx's fast shutdown, the master stops its workers
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitListening(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("nginx exited with " + process.exitValue() + ": " + Files.readString(dir.resolve("stderr.log"))
                        + Files.readString(dir.resolve("error.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        fail("nginx did not listen on " + port + " within " + timeout + "; logs in " + dir);
    }

    /**
     * nginx from -Dnginx.binary, else from PATH or Debian's place. CI must have it (.ci/run installs it); on a developer
     * machine without it the test is skipped.
     */
    static Path binary() {
        String configured = System.getProperty("nginx.binary");
        Stream<Path> candidates = configured != null
                ? Stream.of(Path.of(configured))
                : Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin"))
                        .filter(folder -> !folder.isEmpty())
                        .map(folder -> Path.of(folder, "nginx"));
        Optional<Path> found = candidates.filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = "nginx is not installed (apt-get install nginx-light): the gateway system test needs it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; .ci/run installs it before the build");
            }
            assumeTrue(false, message + "; skipped outside CI");
        }
        return found.get();
    }
}
