package com.acme.crm.testinfra;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A probe's figures (CPU a command, a hop's latency) compare with the services' only from a JVM that compiles as theirs
 * do. The test JVMs stop at C1 (pom.xml's {@code test.jvm.options}, for CI's time), so a probe refuses to measure there
 * rather than print figures that only look comparable; {@code -Dtest.jvm.options=} gives it the full compiler.
 */
public final class ProbeJvm {

    private ProbeJvm() {
    }

    public static void requireTheServicesCompiler() {
        List<String> limits = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-XX:TieredStopAtLevel=")).toList();
        if (!limits.isEmpty()) {
            throw new IllegalStateException("this JVM compiles with " + limits + ", the services with C2: run the probe with"
                    + " -Dtest.jvm.options= (pom.xml)");
        }
    }
}
