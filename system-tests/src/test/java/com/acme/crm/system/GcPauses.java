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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The garbage-collection pauses of each service between two instants, from the GC log the stack's processes write
 * ({@code -Xlog:gc,gc+heap:file=…:time}, {@link com.acme.crm.stack.ServiceProcess#gcLog()}): whether a slow call met a
 * pause, and what the young collections promoted into the old generation (the serial collector's {@code Tenured:} line
 * of each collection), which is what fills it up to a full collection.
 * The benchmark's own JVM (its client; with the Java gateway, the gateway too) writes one the same way when
 * system-tests' surefire configuration names it in {@code -Dtest.jvm.gc.log}.
 */
final class GcPauses {

    // [2026-11-27T05:21:08.197+0000] GC(0) Pause Young (Allocation Failure) 17M->3M(61M) 8.239ms (with -Xlog's time only)
    private static final Pattern PAUSE = Pattern.compile("^\\[([^]]+)](?:\\[gc\\s*])? GC\\((\\d+)\\) Pause (\\w+).* (\\d+\\.\\d+)ms$");
    // [2026-11-27T22:51:08.267+0000] GC(32) Tenured: 41652K(43712K)->43519K(43712K) (gc+heap, serial; before the pause's line)
    private static final Pattern OLD = Pattern.compile("^\\[[^]]+](?:\\[gc,heap\\s*])? GC\\((\\d+)\\) Tenured: (\\d+)K\\((\\d+)K\\)->(\\d+)K\\((\\d+)K\\)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** The test JVM's own GC log, named by the build (system-tests/pom.xml); the label its pauses are printed under. */
    static final String OWN = "benchmark JVM";

    /**
     * A pause as logged: {@code at} is when the line was written, at the pause's end (to the ms); {@code old} what it left
     * in the old generation, when the log says (the serial collector's), else null.
     */
    record Pause(Instant at, String kind, double millis, OldGeneration old) {

        Pause(Instant at, String kind, double millis) {
            this(at, kind, millis, null);
        }

        /** Whether the pause and [from, to] overlap, give or take the log's millisecond. */
        boolean overlaps(Instant from, Instant to) {
            Instant start = at.minusNanos((long) (millis * 1e6)).minusMillis(1);
            return !start.isAfter(to) && !at.plusMillis(1).isBefore(from);
        }
    }

    /** The old generation's use before and after a collection, and its size after, in KiB. */
    record OldGeneration(long beforeKiB, long afterKiB, long capacityKiB) {

        /** What a young collection moved into the old generation (a full one empties it instead). */
        long promotedKiB() {
            return Math.max(0, afterKiB - beforeKiB);
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

    static String summary(String name, List<Pause> all, Instant from, Instant to) {
        List<Pause> pauses = all.stream().filter(pause -> !pause.at().isBefore(from) && !pause.at().isAfter(to)).toList();
        Pause longest = pauses.stream().max(java.util.Comparator.comparingDouble(Pause::millis)).orElse(null);
        long full = pauses.stream().filter(pause -> pause.kind().equals("Full")).count();
        return String.format("%-20s %d pauses (%d full), %.0f ms in all%s%s", name, pauses.size(), full,
                pauses.stream().mapToDouble(Pause::millis).sum(),
                longest == null ? "" : String.format(", longest %.1f ms (%s)", longest.millis(), longest.kind()),
                promotion(pauses));
    }

    /** {@code ; promoted 3.2 MiB into the old generation, 33.0 of 47.4 MiB used after the last}, when the log says. */
    private static String promotion(List<Pause> pauses) {
        List<OldGeneration> old = pauses.stream().map(Pause::old).filter(java.util.Objects::nonNull).toList();
        if (old.isEmpty()) {
            return "";
        }
        long promoted = pauses.stream().filter(pause -> pause.old() != null && pause.kind().equals("Young"))
                .mapToLong(pause -> pause.old().promotedKiB()).sum();
        OldGeneration last = old.get(old.size() - 1);
        return String.format("; promoted %.1f MiB into the old generation, %.1f of %.1f MiB used after the last",
                promoted / 1024.0, last.afterKiB() / 1024.0, last.capacityKiB() / 1024.0);
    }

    static List<Pause> read(Path log) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        if (!Files.isRegularFile(log)) {
            return pauses;
        }
        Map<String, OldGeneration> oldById = new HashMap<>(); // a collection's Tenured line comes before its pause line
        for (String line : Files.readAllLines(log)) {
            Matcher old = OLD.matcher(line);
            if (old.matches()) {
                oldById.put(old.group(1), new OldGeneration(Long.parseLong(old.group(2)), Long.parseLong(old.group(4)),
                        Long.parseLong(old.group(5))));
                continue;
            }
            Matcher matcher = PAUSE.matcher(line);
            if (matcher.matches()) {
                pauses.add(new Pause(OffsetDateTime.parse(matcher.group(1), TIME).toInstant(), matcher.group(3),
                        Double.parseDouble(matcher.group(4)), oldById.remove(matcher.group(2))));
            }
        }
        return pauses;
    }
}
