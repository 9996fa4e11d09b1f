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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The garbage-collection pauses of each service between two instants, from the GC log the stack's processes write
 * ({@code -Xlog:gc:file=…:time}, {@link com.acme.crm.stack.ServiceProcess#gcLog()}): whether a slow call met a pause.
 */
final class GcPauses {

    // [2026-11-27T05:21:08.197+0000] GC(0) Pause Young (Allocation Failure) 17M->3M(61M) 8.239ms (with -Xlog's time only)
    private static final Pattern PAUSE = Pattern.compile("^\\[([^]]+)](?:\\[gc\\s*])? GC\\(\\d+\\) Pause (\\w+).* (\\d+\\.\\d+)ms$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    record Pause(Instant at, String kind, double millis) {
    }

    private GcPauses() {
    }

    /** Per service: {@code lead-service 12 pauses (11 Young, 1 Full), 48 ms in all, longest 21.3 ms (Full)}. */
    static List<String> between(LocalStack stack, Instant from, Instant to) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            List<Pause> pauses = read(stack.service(service.name()).gcLog()).stream()
                    .filter(pause -> !pause.at().isBefore(from) && !pause.at().isAfter(to)).toList();
            Pause longest = pauses.stream().max(java.util.Comparator.comparingDouble(Pause::millis)).orElse(null);
            long full = pauses.stream().filter(pause -> pause.kind().equals("Full")).count();
            lines.add(String.format("%-20s %d pauses (%d full), %.0f ms in all%s", service.name(), pauses.size(), full,
                    pauses.stream().mapToDouble(Pause::millis).sum(),
                    longest == null ? "" : String.format(", longest %.1f ms (%s)", longest.millis(), longest.kind())));
        }
        return lines;
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
