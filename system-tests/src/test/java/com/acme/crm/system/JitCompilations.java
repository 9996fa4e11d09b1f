package com.acme.crm.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How many methods a JVM's JIT has compiled so far and the time its compiler threads spent on them, as the JDK's
 * {@code jstat -compiler} reads them from the JVM's performance counters. Two readings around the timed list calls say
 * whether C2 was still compiling the list path while they were timed (issue 9, ninth step), a figure that does not
 * depend on the machine's load as the calls' times do.
 */
record JitCompilations(long compiled, double seconds) {

    /** The JVM of {@code pid}, read with the jstat of this JVM's JDK; empty when jstat is missing or cannot attach. */
    static Optional<JitCompilations> of(long pid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return parse(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code jstat -compiler}'s two lines: a header (Compiled Failed Invalid Time FailedType FailedMethod) and the values. */
    static Optional<JitCompilations> parse(String output) {
        String[] lines = output.strip().split("\\R");
        if (lines.length < 2 || !lines[0].strip().startsWith("Compiled")) {
            return Optional.empty();
        }
        String[] values = lines[1].strip().split("\\s+");
        return Optional.of(new JitCompilations(Long.parseLong(values[0]), Double.parseDouble(values[3])));
    }

    JitCompilations since(JitCompilations earlier) {
        return new JitCompilations(compiled - earlier.compiled, seconds - earlier.seconds);
    }
}
