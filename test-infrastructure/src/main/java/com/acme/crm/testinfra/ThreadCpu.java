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
 * assert: it moves with the machine's load. Beside it the bytes the threads allocated, which do not move with the load.
 */
public final class ThreadCpu {

    /** A service's own threads: its event loops (consumer batches, Hibernate Reactive, the PostgreSQL client), its Kafka consumers and producers. */
    private static final String[] SERVICE = {"vert.x-eventloop-thread-#", "vert.x-worker-thread-#", "executor-thread-#",
            "smallrye-kafka-consumer-thread-#"};

    private final Map<Long, Long> byThread;
    private final Map<Long, Long> allocatedByThread;
    private final Map<Long, String> names;
    private final long process;

    private ThreadCpu(Map<Long, Long> byThread, Map<Long, Long> allocatedByThread, Map<Long, String> names, long process) {
        this.byThread = byThread;
        this.allocatedByThread = allocatedByThread;
        this.names = names;
        this.process = process;
    }

    public static ThreadCpu now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, Long> allocated = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long time = threads.getThreadCpuTime(info.getThreadId());
            if (time >= 0) {
                cpu.put(info.getThreadId(), time);
                names.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "#"));
                if (threads instanceof com.sun.management.ThreadMXBean hotspot) {
                    allocated.put(info.getThreadId(), hotspot.getThreadAllocatedBytes(info.getThreadId()));
                }
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new ThreadCpu(cpu, allocated, names, process);
    }

    /** CPU nanoseconds per thread-name group from {@code before} to this (threads that ended in between are not counted). */
    public Delta since(ThreadCpu before) {
        Map<String, Long> groups = new TreeMap<>();
        byThread.forEach((id, time) -> groups.merge(names.get(id), time - before.byThread.getOrDefault(id, 0L), Long::sum));
        Map<String, Long> allocated = new TreeMap<>();
        allocatedByThread.forEach((id, bytes) -> allocated.merge(names.get(id), bytes - before.allocatedByThread.getOrDefault(id, 0L),
                Long::sum));
        return new Delta(groups, allocated, process - before.process);
    }

    /** @param groups CPU nanoseconds by thread-name group; {@code allocated} bytes allocated likewise; {@code process} the whole JVM's CPU */
    public record Delta(Map<String, Long> groups, Map<String, Long> allocated, long process) {

        /** The service's threads' CPU in nanoseconds. */
        public long service() {
            return ofService(groups);
        }

        private static long ofService(Map<String, Long> byGroup) {
            long sum = 0;
            for (String group : SERVICE) {
                sum += byGroup.getOrDefault(group, 0L);
            }
            sum += byGroup.entrySet().stream().filter(e -> e.getKey().startsWith("kafka-producer-network-thread") && e.getKey().contains("outbox"))
                    .mapToLong(Map.Entry::getValue).sum();
            return sum;
        }

        public String report(String what, int messages, long wallNanos) {
            StringBuilder out = new StringBuilder("\n=== CPU per message: ").append(what).append(String.format(
                    " (%.1f s, load %.1f)%n", wallNanos / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            out.append(String.format("service threads: %.3f ms a message; whole JVM (broker and test client included): %.3f ms%n",
                    service() / 1e6 / messages, process / 1e6 / messages));
            out.append(String.format("allocated by the service threads: %.1f KB a message (event loops %.1f KB)%n",
                    ofService(allocated) / 1024.0 / messages, allocated.getOrDefault("vert.x-eventloop-thread-#", 0L) / 1024.0 / messages));
            groups.entrySet().stream().filter(e -> e.getValue() > wallNanos / 1000)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.append(String.format("  %8.3f ms  %s%n", e.getValue() / 1e6 / messages, e.getKey())));
            return out.toString();
        }
    }
}
