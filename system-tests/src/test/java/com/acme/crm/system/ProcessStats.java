package com.acme.crm.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What Linux says about a process of the stack: CPU time ({@code /proc/<pid>/stat}), memory
 * ({@code /proc/<pid>/status}) and the JVM options it was started with. Linux only, like the machines we run on.
 */
final class ProcessStats {

    /** Clock ticks per second of the utime/stime fields; 100 on every Linux we know ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /** User + system CPU seconds the process has used so far (its threads included). */
    static double cpuSeconds(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? 0 : (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds of a process and every process under it, including children that already exited and were waited
     * for (cutime + cstime): PostgreSQL's postmaster and its backends.
     */
    static double treeCpuSeconds(long pid) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return 0;
        }
        double reaped = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
        double descendants = ProcessHandle.of(pid).map(p -> p.descendants().mapToDouble(d -> cpuSeconds(d.pid())).sum())
                .orElse(0.0);
        return cpuSeconds(pid) + reaped + descendants;
    }

    /** Resident set size in MiB (VmRSS), or -1 when the process is gone. */
    static double rssMiB(long pid) {
        return statusKiB(pid, "VmRSS:") / 1024.0;
    }

    /** The highest resident set size in MiB the process ever had (VmHWM), or -1 when it is gone. */
    static double peakRssMiB(long pid) {
        return statusKiB(pid, "VmHWM:") / 1024.0;
    }

    /** The memory options of a JVM's command line: {@code -Xm...}, {@code -Xss}, and the {@code -XX:} options (GC, metaspace, code cache, RAM). */
    static String heapOptions(long pid) {
        List<String> arguments;
        try { // /proc/pid/cmdline: NUL-separated and complete (ProcessHandle.Info may cut a long class path short)
            arguments = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        } catch (IOException gone) {
            return "?";
        }
        List<String> options = arguments.stream()
                .filter(a -> a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-XX:")).toList();
        return options.isEmpty() ? "JVM default (1/4 of RAM)" : String.join(" ", options);
    }

    /** The fields of /proc/pid/stat after the command name (which may contain spaces): [0] is the state. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException gone) {
            return null;
        }
    }

    private static long statusKiB(long pid, String field) {
        try {
            Optional<String> line = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith(field)).findFirst();
            return line.map(l -> Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0])).orElse(-1L);
        } catch (IOException gone) {
            return -1;
        }
    }
}
