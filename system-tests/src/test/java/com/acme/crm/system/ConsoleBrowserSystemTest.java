package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console's browser tests (web-console/e2e, Playwright in the machine's headless Chromium) against the whole
 * stack: the three services as processes behind the local gateway, which serves the built console at {@code /}.
 * Fails when any browser test fails; the suite's own report is in its output, and the screenshots of the main screens
 * in web-console/target/screenshots.
 */
class ConsoleBrowserSystemTest {

    private static final Path CONSOLE = Path.of("").toAbsolutePath().getParent().resolve("web-console"); // surefire runs in system-tests/
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");

    @Test
    void theConsolesBrowserTestsPass() throws Exception {
        assertTrue(Files.isRegularFile(CONSOLE.resolve("target/dist/index.html")),
                "the console is not built: ./mvnw -pl web-console package (needs Node.js 20+)");
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " is missing: apt-get install chromium "
                + "(or set CHROMIUM_PATH); .ci/run installs it");
        LocalStack stack = RunningStack.get();

        // the suite's report goes to a file (a forked test JVM must not write to its own stdout), then to the test's output
        Path report = Files.createDirectories(CONSOLE.resolve("target")).resolve("playwright-output.txt");
        ProcessBuilder builder = new ProcessBuilder(CONSOLE.resolve("node_modules/.bin/playwright").toString(), "test")
                .directory(CONSOLE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(report.toFile());
        builder.environment().put("CONSOLE_URL", stack.gatewayUrl());
        builder.environment().put("CHROMIUM_PATH", CHROMIUM);
        Process suite = builder.start();
        suite.getOutputStream().close();
        // bounded, so a hung browser cannot hold the build forever
        if (!suite.waitFor(15, TimeUnit.MINUTES)) {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
            throw new AssertionError("the browser tests did not finish within 15 minutes");
        }
        String output = Files.readString(report);
        System.out.println(output);
        assertEquals(0, suite.exitValue(), "browser tests failed (report in " + report + ", traces of failures in "
                + CONSOLE.resolve("target/playwright") + "):\n" + output);
    }
}
