package com.acme.crm.testinfra;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of this JVM's threads, grouped by name (digits folded: "vert.x-eventloop-thread-#"), to tell a service's
 * own work from the in-process broker's and the test client's in a CPU-per-message probe. A figure to print, never to
 * assert: it moves with the machine's load.
 */
public final class ThreadCpu {

    /** A service's own threads: its event loops (consumer batches, Hibernate Reactive, the PostgreSQL client), its Kafka consumers and producers. */
    private static final String[] SERVICE = {"vert.x-eventloop-thread-#", "vert.x-worker-thread-#", "executor-thread-#",
            "smallrye-kafka-consumer-thread-#"};

    private final Map<Long, Long> byThread;
    private final Map<Long, String> names;
    private final long process;

    private ThreadCpu(Map<Long, Long> byThread, Map<Long, String> names, long process) {
        this.byThread = byThread;
        this.names = names;
        this.process = process;
    }

    public static ThreadCpu now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long time = threads.getThreadCpuTime(info.getThreadId());
            if (time >= 0) {
                cpu.put(info.getThreadId(), time);
                names.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "#"));
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new ThreadCpu(cpu, names, process);
    }

    /** CPU nanoseconds per thread-name group from {@code before} to this (threads that ended in between are not counted). */
    public Delta since(ThreadCpu before) {
        Map<String, Long> groups = new TreeMap<>();
        byThread.forEach((id, time) -> groups.merge(names.get(id), time - before.byThread.getOrDefault(id, 0L), Long::sum));
        return new Delta(groups, process - before.process);
    }

    /** @param groups CPU nanoseconds by thread-name group; {@code process} the whole JVM's */
    public record Delta(Map<String, Long> groups, long process) {

        /** The service's threads' CPU in nanoseconds. */
        public long service() {
            long sum = 0;
            for (String group : SERVICE) {
                sum += groups.getOrDefault(group, 0L);
            }
            sum += groups.entrySet().stream().filter(e -> e.getKey().startsWith("kafka-producer-network-thread") && e.getKey().contains("outbox"))
                    .mapToLong(Map.Entry::getValue).sum();
            return sum;
        }

        public String report(String what, int messages, long wallNanos) {
            StringBuilder out = new StringBuilder("\n=== CPU per message: ").append(what).append(String.format(
                    " (%.1f s, load %.1f)%n", wallNanos / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            out.append(String.format("service threads: %.3f ms a message; whole JVM (broker and test client included): %.3f ms%n",
                    service() / 1e6 / messages, process / 1e6 / messages));
            groups.entrySet().stream().filter(e -> e.getValue() > wallNanos / 1000)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.append(String.format("  %8.3f ms  %s%n", e.getValue() / 1e6 / messages, e.getKey())));
            return out.toString();
        }
    }
}
