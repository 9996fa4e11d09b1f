package com.acme.crm.lead;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.LeadListLatencies;
import com.acme.crm.testinfra.LeadListLatencies.Timed;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Lead-list latency at a million leads (issue 9's target: every view × sort × search p99 ≤ 20 ms),
 * through the real HTTP API of this service alone (token check, the id query, the page's load, JSON), one
 * call at a time; {@code QualificationBenchmark} measures the same shapes through the gateway of the whole stack.
 * Not part of the build (the name does not end in Test): it fills a million leads
 * into this run's own database, which takes minutes. Run it alone:
 *
 * <pre>./mvnw -B -pl lead-service -am verify -Dtest=LeadListBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * {@code -Dbench.leads=} and {@code -Dbench.calls=} change the sizes. Prints one line per shape and
 * writes {@code target/lead-list-benchmark.txt}.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadListBenchmark {

    private static final int LEADS = Integer.getInteger("bench.leads", 1_000_000);
    private static final int CALLS = Integer.getInteger("bench.calls", 40);

    @TestHTTPResource("/")
    URL base;

    @Test
    void listLatencies() throws Exception {
        long started = System.nanoTime();
        try (Connection c = Db.connect()) {
            LeadListLatencies.fill(c, LEADS);
        }
        double fillSeconds = (System.nanoTime() - started) / 1e9;
        HttpClient http = HttpClient.newHttpClient();
        Function<LeadListLatencies.Shape, String> tokenOf = shape -> TestTokens.bearer(shape.user(), shape.role());
        LeadListLatencies.warmUp(http, base.toString(), tokenOf, LeadListLatencies.WARM_UP_ROUNDS);
        List<Timed> timed = LeadListLatencies.measure(http, base.toString(), tokenOf, CALLS);
        Timed worst = LeadListLatencies.worst(timed);
        String report = String.format(Locale.ROOT,
                "Lead list at %,d leads (200 owners, 3 in 10 open), %d calls per shape, each the first page and the next by its cursor; %d cores, load %s%n"
                        + "filled and analysed in %.0f s%n%n",
                LEADS, CALLS, Runtime.getRuntime().availableProcessors(), loadAverage(), fillSeconds)
                + LeadListLatencies.table(timed)
                + String.format(Locale.ROOT, "%n%s  lead lists at %,d leads p99 ≤ %.0f ms: worst p99 %.1f ms (%s); %d of %d shapes meet it%n",
                worst.p(99) <= LeadListLatencies.TARGET_P99_MS ? "PASS" : "FAIL", LEADS, LeadListLatencies.TARGET_P99_MS,
                worst.p(99), worst.shape(), LeadListLatencies.meetingTarget(timed), timed.size());
        System.out.print(report);
        Files.writeString(Path.of("target", "lead-list-benchmark.txt"), report);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
