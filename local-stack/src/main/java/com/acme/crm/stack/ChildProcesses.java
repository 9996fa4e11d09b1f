package com.acme.crm.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What every child process of the stack needs: the java binary, a classpath, a clean stop, and its log's tail. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath of this JVM, usable by a child JVM: start.sh passes the jar and {@code lib/*} (which the
     * launcher expands), Maven and IDEs list every jar. A lone jar (started with {@code java -jar}) gets its
     * {@code lib/} folder added.
     */
    static String classpath() {
        String classpath = System.getProperty("java.class.path");
        if (!classpath.contains(File.pathSeparator) && classpath.endsWith(".jar")) {
            Path jar = Path.of(classpath).toAbsolutePath();
            Path lib = jar.resolveSibling("lib");
            if (Files.isDirectory(lib)) {
                return jar + File.pathSeparator + lib + File.separator + "*";
            }
        }
        return classpath;
    }

    /** Polite first (SIGTERM lets Kafka and Quarkus shut down cleanly), forceful after the grace period; children too. */
    static void stop(Process process, Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The last lines of a log file, to explain a failed start without making the reader open the file. */
    static String tail(Path logFile, int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log at " + logFile + ")";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log " + logFile + " unreadable: " + e + ")";
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
