package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The gateway every HTTP call of the benchmark goes through ({@link GatewayChoice}): the product's, real nginx with
 * deploy/nginx/nginx.conf in front of the stack's services, or the local stack's Java gateway, which runs inside the
 * benchmark's own JVM (its collections, JIT and threads shared with the client) and is always started with the stack.
 */
final class BenchmarkGateway implements AutoCloseable {

    private static final Path CONF = Path.of("").toAbsolutePath().getParent().resolve("deploy/nginx/nginx.conf");
    // every benchmark call comes from one address; the shipped 50/s per client would refuse most of them
    private static final int PER_CLIENT_RATE = 100_000;

    private final GatewayChoice choice;
    private final String url;
    private final NginxGateway nginx; // null for the Java gateway
    private final String nginxVersion;

    private BenchmarkGateway(GatewayChoice choice, String url, NginxGateway nginx, String nginxVersion) {
        this.choice = choice;
        this.url = url;
        this.nginx = nginx;
        this.nginxVersion = nginxVersion;
    }

    /** {@code asked}: {@code -Dbench.gateway}'s value, empty when not given. */
    static BenchmarkGateway start(LocalStack stack, String asked) throws Exception {
        GatewayChoice choice = GatewayChoice.of(asked, NginxGateway.find().isPresent());
        if (choice.kind() == GatewayChoice.Kind.JAVA) {
            return new BenchmarkGateway(choice, stack.gatewayUrl(), null, null);
        }
        Map<String, Integer> upstreams = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(service -> upstreams.put(service.name(), stack.config().portOf(service)));
        NginxGateway nginx = NginxGateway.start(CONF, RunningStack.freePort(), upstreams, OptionalInt.of(PER_CLIENT_RATE));
        return new BenchmarkGateway(choice, nginx.url(), nginx, NginxGateway.version());
    }

    String url() {
        return url;
    }

    /** What the report's "Machine and settings" says about the gateway. */
    String description() {
        if (nginx == null) {
            return "the local stack's Java gateway (Vert.x http-proxy) inside this benchmark's JVM; " + choice.why();
        }
        return String.format("nginx %s with deploy/nginx/nginx.conf, %d worker processes; its upstreams, listen port and "
                + "console root pointed here, its per-client rate raised from 50 to %,d requests/s (every call comes from "
                + "this one address); %s", nginxVersion, nginx.workers(), PER_CLIENT_RATE, choice.why());
    }

    /** nginx's master process, whose CPU (its workers' included) a bulk job is charged with; empty for the Java gateway. */
    Optional<Long> nginxPid() {
        return Optional.ofNullable(nginx).map(NginxGateway::pid);
    }

    /**
     * nginx's times of the calls with these request ids, from its access log (empty through the Java gateway). nginx
     * writes a line just after the answer's last byte, so the last calls' lines may still be on their way: waits up to
     * 5 s for all of them.
     */
    Map<String, NginxAccessLog.Times> timesOf(Collection<String> requestIds) throws Exception {
        if (nginx == null) {
            return Map.of();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Map<String, NginxAccessLog.Times> times = NginxAccessLog.byRequestId(nginx.accessLog());
        while (!times.keySet().containsAll(requestIds) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            times = NginxAccessLog.byRequestId(nginx.accessLog());
        }
        Map<String, NginxAccessLog.Times> asked = new HashMap<>();
        for (String id : requestIds) {
            Optional.ofNullable(times.get(id)).ifPresent(found -> asked.put(id, found));
        }
        return asked;
    }

    @Override
    public void close() {
        if (nginx != null) {
            nginx.close();
        }
    }
}
