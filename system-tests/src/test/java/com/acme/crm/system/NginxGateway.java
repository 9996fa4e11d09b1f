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
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real nginx running deploy/nginx/nginx.conf: the file docker-compose mounts, with only its upstream
 * {@code server host:port;} lines, its {@code listen} line and the console's root pointed at this machine; for the
 * benchmark also its per-client rate ({@link #start(Path, int, Map, OptionalInt)}).
 */
final class NginxGateway implements AutoCloseable {

    private static final Pattern UPSTREAM_SERVER = Pattern.compile("^(\\s*)server\\s+([\\w-]+):(\\d+);\\s*$");
    private static final Pattern LISTEN = Pattern.compile("^(\\s*)listen\\s+\\d+;\\s*$");
    // the folder docker-compose mounts the web console into; here, the console this build made
    private static final Pattern CONSOLE_ROOT = Pattern.compile("^(\\s*)root\\s+/usr/share/nginx/console;\\s*$");
    private static final Pattern RATE = Pattern.compile("^(\\s*limit_req_zone\\s.*\\brate=)\\d+r/s;\\s*$");
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
        return start(conf, port, upstreams, OptionalInt.empty());
    }

    /**
     * As {@link #start(Path, int, Map)}, with the per-client rate of {@code limit_req_zone} set to
     * {@code perClientRate} requests/s when given: a benchmark makes every call from one address, far above the 50/s
     * one real client may make; with a higher rate the limit's bookkeeping still runs on every call.
     */
    static NginxGateway start(Path conf, int port, Map<String, Integer> upstreams, OptionalInt perClientRate) throws Exception {
        Path binary = binary();
        Path dir = Files.createTempDirectory("crm-nginx");
        Files.write(dir.resolve("nginx.conf"), rewrite(Files.readAllLines(conf), port, upstreams, perClientRate));
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
        return rewrite(lines, port, upstreams, OptionalInt.empty());
    }

    /** As {@link #rewrite(List, int, Map)}, and the {@code limit_req_zone} line's rate when one is given. */
    static List<String> rewrite(List<String> lines, int port, Map<String, Integer> upstreams, OptionalInt perClientRate) {
        List<String> out = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        int listens = 0;
        int rates = 0;
        for (String line : lines) {
            Matcher server = UPSTREAM_SERVER.matcher(line);
            Matcher listen = LISTEN.matcher(line);
            Matcher consoleRoot = CONSOLE_ROOT.matcher(line);
            Matcher rate = RATE.matcher(line);
            if (perClientRate.isPresent() && rate.matches()) {
                rates++;
                out.add(rate.group(1) + perClientRate.getAsInt() + "r/s;");
            } else if (server.matches()) {
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
        if (perClientRate.isPresent() && rates != 1) {
            fail("nginx.conf: expected one limit_req_zone line with rate=<n>r/s, found " + rates);
        }
        return out;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The master process (its workers are its children). */
    long pid() {
        return process.pid();
    }

    long workers() {
        return process.children().count();
    }

    /** What nginx logged to stdout (the access log) so far. */
    String accessLog() throws IOException {
        return Files.readString(dir.resolve("access.log"));
    }

    /** {@code 1.22.1}, from what {@code nginx -v} prints ({@code nginx version: nginx/1.22.1}). */
    static String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary().toString(), "-v").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor(10, TimeUnit.SECONDS);
        return text.replaceFirst("^nginx version: nginx/", "");
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
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String message = "nginx is not installed (apt-get install nginx-light): the gateway system test needs it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; .ci/run installs it before the build");
            }
            assumeTrue(false, message + "; skipped outside CI");
        }
        return found.get();
    }

    /** nginx from -Dnginx.binary, else from PATH or Debian's place, if there is one. */
    static Optional<Path> find() {
        String configured = System.getProperty("nginx.binary");
        Stream<Path> candidates = configured != null
                ? Stream.of(Path.of(configured))
                : Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin"))
                        .filter(folder -> !folder.isEmpty())
                        .map(folder -> Path.of(folder, "nginx"));
        return candidates.filter(Files::isExecutable).findFirst();
    }
}
