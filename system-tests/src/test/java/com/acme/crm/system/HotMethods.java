package com.acme.crm.system;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a JVM spent its CPU, from the {@code jdk.ExecutionSample} events of a JFR recording: by method where the
 * sample was taken (self time); by library, from the package of the first frame below the JDK's (so {@code Objects.equals}
 * called by Hibernate's dirty checking counts for Hibernate); and by the project's own methods on the sampled stack
 * (total time; reactive code runs its continuations from the I/O threads, so this undercounts what a step causes).
 * For the benchmark's {@code -Dbench.profile=true}.
 */
record HotMethods(long samples, List<Count> self, List<Count> libraries, List<Count> ownTotal) {

    /** The project's packages: the frames "total time" is counted for. */
    private static final String OWN = "com.acme.crm.";
    /** Second names of packages that name a foundation, not a library: {@code org.apache.kafka} is the library. */
    private static final Set<String> FOUNDATIONS = Set.of("apache", "eclipse", "jboss");

    record Count(String name, long samples) {
    }

    static HotMethods of(Path recording, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> ownTotal = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                RecordedStackTrace stack = event.getStackTrace();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null
                        || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(stack.getFrames().get(0).getMethod()), 1L, Long::sum);
                libraries.merge(library(stack.getFrames()), 1L, Long::sum);
                Set<String> seen = new HashSet<>(); // a recursive method counts once a sample
                for (RecordedFrame frame : stack.getFrames()) {
                    String method = name(frame.getMethod());
                    // a lambda's or a CDI proxy's frame only repeats the method beside it
                    if (method.startsWith(OWN) && !method.contains("$$Lambda") && !method.contains("_ClientProxy")
                            && seen.add(method)) {
                        ownTotal.merge(method, 1L, Long::sum);
                    }
                }
            }
        }
        return new HotMethods(samples, topOf(self, top), topOf(libraries, top), topOf(ownTotal, top));
    }

    /**
     * The library of the first frame that is not the JDK's: the first two names of its package ({@code org.hibernate},
     * {@code io.netty}), three under a foundation's name ({@code org.apache.kafka}).
     */
    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                String[] names = type.split("\\.");
                int length = names.length > 2 && FOUNDATIONS.contains(names[1]) ? 3 : 2;
                return String.join(".", Arrays.copyOf(names, Math.min(length, names.length - 1)));
            }
        }
        return "(the JDK alone)";
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static List<Count> topOf(Map<String, Long> counts, int top) {
        return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::samples).reversed().thenComparing(Count::name))
                .limit(top).toList();
    }

    double percent(Count count) {
        return samples == 0 ? 0 : 100.0 * count.samples() / samples;
    }
}
