package com.acme.crm.system;

import com.acme.crm.testinfra.LeadListLatencies.Call;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the time of the slow lead-list calls went: each call's time at the client against nginx's times of the same
 * call (joined by its X-Request-Id) and the garbage-collection pauses that overlapped it. Three parts that add up to
 * the client's time: the service (nginx's upstream response time: lead-service and the loopback to it), nginx (its
 * request time less that), the client side (the client's time less nginx's request time: this JVM sending and
 * reading, the loopback, and any wait before an nginx worker read the request).
 */
final class SlowListCalls {

    /** When a slow call was sent, to the millisecond: to find it in a service's log, a JFR recording or PostgreSQL's log. */
    private static final DateTimeFormatter SENT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final List<Call> calls;
    private final Map<String, NginxAccessLog.Times> nginx;
    private final Map<String, List<GcPauses.Pause>> pauses;

    /**
     * {@code nginx} is empty when the calls went through the Java gateway; {@code pauses} by the process they stopped,
     * in the order they are to be named.
     */
    SlowListCalls(List<Call> calls, Map<String, NginxAccessLog.Times> nginx, Map<String, List<GcPauses.Pause>> pauses) {
        this.calls = List.copyOf(calls);
        this.nginx = Map.copyOf(nginx);
        this.pauses = new LinkedHashMap<>(pauses);
    }

    /** The report's lines for the calls over {@code thresholdMillis}, with a table of the {@code slowest} of them. */
    List<String> lines(double thresholdMillis, int slowest) {
        List<Call> slow = calls.stream().filter(call -> call.millis() > thresholdMillis)
                .sorted(Comparator.comparingDouble(Call::millis).reversed()).toList();
        List<String> lines = new ArrayList<>();
        if (slow.isEmpty()) {
            lines.add(String.format("calls over %.0f ms: none of %,d", thresholdMillis, calls.size()));
            return lines;
        }
        boolean split = !nginx.isEmpty();
        lines.add(String.format("calls over %.0f ms: %d of %,d timed calls; where their time went%s:", thresholdMillis,
                slow.size(), calls.size(), split ? " (nginx's access log, joined by each call's X-Request-Id)"
                        : " (the Java gateway runs in this JVM: its time and the client's cannot be told apart;"
                        + " -Dbench.gateway=nginx separates them)"));
        if (split) {
            lines.add("  theirs in all: " + parts(slow, false));
            lines.add("  every timed call, mean: " + parts(calls, true));
            lines.add("  the largest part of each: " + largestParts(slow));
        }
        long paused = slow.stream().filter(call -> !overlapping(call).isEmpty()).count();
        lines.add(String.format("  %d of the %d overlapped a garbage-collection pause%s", paused, slow.size(),
                paused == 0 ? "" : ": " + pauses.keySet().stream()
                        .map(process -> process + " " + slow.stream().filter(call -> overlapping(call).containsKey(process)).count())
                        .collect(Collectors.joining(", "))));
        lines.add(String.format("  the slowest %d:", Math.min(slowest, slow.size())));
        lines.add(split ? String.format("  %9s %10s %8s %14s  %-32s %-12s  %s", "client ms", "service ms", "nginx ms",
                "client side ms", "GC pauses during the call", "sent (UTC)", "call (request id)")
                : String.format("  %9s  %-32s %-12s  %s", "client ms", "GC pauses during the call", "sent (UTC)", "call (request id)"));
        for (Call call : slow.subList(0, Math.min(slowest, slow.size()))) {
            String gc = overlapping(call).entrySet().stream()
                    .map(entry -> String.format("%s %.1f (%s)", entry.getKey(), entry.getValue().millis(), entry.getValue().kind()))
                    .collect(Collectors.joining(", "));
            String what = call.shape() + (call.nextPage() ? ", next page" : "") + " (" + call.requestId() + ")";
            Optional<NginxAccessLog.Times> times = Optional.ofNullable(nginx.get(call.requestId()));
            String sent = SENT.format(call.sentAt());
            lines.add(split ? String.format("  %9.1f %10s %8s %14s  %-32s %-12s  %s", call.millis(),
                    times.map(t -> String.format("%.0f", t.response())).orElse("-"),
                    times.map(t -> String.format("%.0f", t.gateway())).orElse("-"),
                    times.map(t -> String.format("%.1f", call.millis() - t.request())).orElse("-"),
                    gc.isEmpty() ? "-" : gc, sent, what)
                    : String.format("  %9.1f  %-32s %-12s  %s", call.millis(), gc.isEmpty() ? "-" : gc, sent, what));
        }
        return lines;
    }

    /**
     * Every call, one line each in the order made (the first a header), as CSV: when it was sent (UTC), how long after
     * {@code serviceStarted} (the listed service's process start, seconds), the client's time, the service's time (nginx's
     * upstream time, empty through the Java gateway), the shape and the request id. To lay the calls beside a service's
     * JFR recording, safepoint log or PostgreSQL's log.
     */
    void write(Path file, Instant serviceStarted) throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("sent_utc,service_uptime_s,client_ms,service_ms,shape,next_page,request_id");
        for (Call call : calls) {
            NginxAccessLog.Times times = nginx.get(call.requestId());
            rows.add(String.format(Locale.ROOT, "%s,%.3f,%.2f,%s,\"%s\",%b,%s", call.sentAt(),
                    Duration.between(serviceStarted, call.sentAt()).toNanos() / 1e9, call.millis(),
                    times == null ? "" : String.format(Locale.ROOT, "%.0f", serviceMillis(times)), call.shape(), call.nextPage(),
                    call.requestId()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, rows);
    }

    /**
     * {@code client 312.5 ms = service 240.1 (77 %) + nginx 3.0 (1 %) + client side 69.4 (22 %)}: the sums over the calls
     * nginx logged, or their means.
     */
    private String parts(List<Call> of, boolean mean) {
        List<Call> logged = of.stream().filter(call -> nginx.containsKey(call.requestId())).toList();
        double client = logged.stream().mapToDouble(Call::millis).sum();
        double service = logged.stream().mapToDouble(call -> serviceMillis(nginx.get(call.requestId()))).sum();
        double gateway = logged.stream().mapToDouble(call -> nginx.get(call.requestId()).gateway()).sum();
        double clientSide = client - service - gateway;
        double divisor = mean ? logged.size() : 1;
        return String.format("client %.1f ms = service %.1f (%.0f %%) + nginx %.1f (%.0f %%) + client side %.1f (%.0f %%)%s",
                client / divisor, service / divisor, 100 * service / client, gateway / divisor, 100 * gateway / client,
                clientSide / divisor, 100 * clientSide / client,
                logged.size() == of.size() ? "" : String.format("  (%d calls not in nginx's log)", of.size() - logged.size()));
    }

    /** {@code service 150, nginx 0, client side 6}: how many of the calls nginx logged had most of their time in each part. */
    private String largestParts(List<Call> of) {
        int service = 0;
        int gateway = 0;
        int clientSide = 0;
        for (Call call : of) {
            NginxAccessLog.Times times = nginx.get(call.requestId());
            if (times == null) {
                continue;
            }
            double own = serviceMillis(times);
            double client = call.millis() - times.request();
            if (own >= times.gateway() && own >= client) {
                service++;
            } else if (times.gateway() >= client) {
                gateway++;
            } else {
                clientSide++;
            }
        }
        return String.format("service %d, nginx %d, client side %d", service, gateway, clientSide);
    }

    private static double serviceMillis(NginxAccessLog.Times times) {
        return Double.isNaN(times.response()) ? 0 : times.response();
    }

    /** The longest pause of each process that overlapped the call. */
    private Map<String, GcPauses.Pause> overlapping(Call call) {
        Instant end = call.sentAt().plusNanos((long) (call.millis() * 1e6));
        Map<String, GcPauses.Pause> found = new LinkedHashMap<>();
        pauses.forEach((process, list) -> list.stream().filter(pause -> pause.overlaps(call.sentAt(), end))
                .max(Comparator.comparingDouble(GcPauses.Pause::millis)).ifPresent(pause -> found.put(process, pause)));
        return found;
    }
}
