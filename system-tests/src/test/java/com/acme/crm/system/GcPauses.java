package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The garbage-collection pauses of each service between two instants, from the GC log the stack's processes write
 * ({@code -Xlog:gc:file=…:time}, {@link com.acme.crm.stack.ServiceProcess#gcLog()}): whether a slow call met a pause.
 * The benchmark's own JVM (its client; with the Java gateway, the gateway too) writes one the same way when
 * system-tests' surefire configuration names it in {@code -Dtest.jvm.gc.log}.
 */
final class GcPauses {

    // [2026-11-27T05:21:08.197+0000] GC(0) Pause Young (Allocation Failure) 17M->3M(61M) 8.239ms (with -Xlog's time only)
    private static final Pattern PAUSE = Pattern.compile("^\\[([^]]+)](?:\\[gc\\s*])? GC\\(\\d+\\) Pause (\\w+).* (\\d+\\.\\d+)ms$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** The test JVM's own GC log, named by the build (system-tests/pom.xml); the label its pauses are printed under. */
    static final String OWN = "benchmark JVM";

    /** A pause as logged: {@code at} is when the line was written, at the pause's end (to the ms). */
    record Pause(Instant at, String kind, double millis) {

        /** Whether the pause and [from, to] overlap, give or take the log's millisecond. */
        boolean overlaps(Instant from, Instant to) {
            Instant start = at.minusNanos((long) (millis * 1e6)).minusMillis(1);
            return !start.isAfter(to) && !at.plusMillis(1).isBefore(from);
        }
    }

    private GcPauses() {
    }

    /**
     * Per service, and for this JVM when its log is kept:
     * {@code lead-service 12 pauses (1 full), 48 ms in all, longest 21.3 ms (Full)}.
     */
    static List<String> between(LocalStack stack, Instant from, Instant to) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            lines.add(summary(service.name(), read(stack.service(service.name()).gcLog()), from, to));
        }
        Optional<Path> own = ownLog();
        if (own.isPresent()) {
            lines.add(summary(OWN, read(own.get()), from, to));
        }
        return lines;
    }

    /** This JVM's GC log, when the build asked the JVM to write one ({@code -Dtest.jvm.gc.log}). */
    static Optional<Path> ownLog() {
        return Optional.ofNullable(System.getProperty("test.jvm.gc.log")).filter(name -> !name.isBlank()).map(Path::of);
    }

    private static String summary(String name, List<Pause> all, Instant from, Instant to) {
        List<Pause> pauses = all.stream().filter(pause -> !pause.at().isBefore(from) && !pause.at().isAfter(to)).toList();
        Pause longest = pauses.stream().max(java.util.Comparator.comparingDouble(Pause::millis)).orElse(null);
        long full = pauses.stream().filter(pause -> pause.kind().equals("Full")).count();
        return String.format("%-20s %d pauses (%d full), %.0f ms in all%s", name, pauses.size(), full,
                pauses.stream().mapToDouble(Pause::millis).sum(),
                longest == null ? "" : String.format(", longest %.1f ms (%s)", longest.millis(), longest.kind()));
    }

    static List<Pause> read(Path log) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        if (!Files.isRegularFile(log)) {
            return pauses;
        }
        for (String line : Files.readAllLines(log)) {
            Matcher matcher = PAUSE.matcher(line);
            if (matcher.matches()) {
                pauses.add(new Pause(OffsetDateTime.parse(matcher.group(1), TIME).toInstant(), matcher.group(2),
                        Double.parseDouble(matcher.group(3))));
            }
        }
        return pauses;
    }
}
