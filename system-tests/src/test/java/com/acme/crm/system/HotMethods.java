package com.acme.crm.system;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a JVM spent its CPU, from the {@code jdk.ExecutionSample} events of a JFR recording: by method where the
 * sample was taken (self time), and by the project's own methods on the sampled stack (total time, so a saga step
 * shows with what it calls). For the benchmark's {@code -Dbench.profile=true}.
 */
record HotMethods(long samples, List<Count> self, List<Count> ownTotal) {

    /** The project's packages: the frames "total time" is counted for. */
    private static final String OWN = "com.acme.crm.";

    record Count(String method, long samples) {
    }

    static HotMethods of(Path recording, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
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
                Set<String> seen = new HashSet<>(); // a recursive method counts once a sample
                for (RecordedFrame frame : stack.getFrames()) {
                    String method = name(frame.getMethod());
                    if (method.startsWith(OWN) && seen.add(method)) {
                        ownTotal.merge(method, 1L, Long::sum);
                    }
                }
            }
        }
        return new HotMethods(samples, topOf(self, top), topOf(ownTotal, top));
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static List<Count> topOf(Map<String, Long> counts, int top) {
        return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::samples).reversed().thenComparing(Count::method))
                .limit(top).toList();
    }

    double percent(Count count) {
        return samples == 0 ? 0 : 100.0 * count.samples() / samples;
    }
}
