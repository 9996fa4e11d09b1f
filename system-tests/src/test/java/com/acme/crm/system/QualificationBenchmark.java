package com.acme.crm.system;

import com.acme.crm.contracts.Topics;
import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceDefinition;
import com.acme.crm.stack.ServiceProcess;
import com.acme.crm.stack.StackConfig;
import com.acme.crm.testinfra.LeadListLatencies;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark of issue 9: how fast qualification is on this machine with the product's own durable settings, next to
 * the physical limits measured in the same run, printed as one report with a PASS/FAIL line per target. It starts the
 * local stack (PostgreSQL with fsync, synchronous_commit and full_page_writes on; the Kafka broker process; the three
 * service jars) with the product's gateway in front (nginx with deploy/nginx/nginx.conf, {@link BenchmarkGateway};
 * the local stack's Java gateway with {@code -Dbench.gateway=java} or without nginx) and measures, in this order: the
 * first qualification on the fresh stack; the machine; one Kafka hop, Kafka records/s and PostgreSQL commits/s;
 * single qualifications with {@code Prefer: wait} after a warm-up; a small and a large bulk job with CPU per lead, peak
 * consumer lag and outbox backlog and (large job) interactive qualifications beside it; RSS per service; the exact
 * counts after each run; the lead lists, with where their slow calls' time went ({@link SlowListCalls}).
 *
 * <p>Not part of the suite (the class name does not end in Test). Run it as docs/performance.md says:
 * {@code ./mvnw -B -o -pl system-tests -am verify -Dtest=QualificationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbench.quick=true} for a smaller run; every count is a {@code -Dbench.*} property, see {@link Settings};
 * {@code -Dbench.profile=true} records each service with JFR and prints its hottest methods at the end, see {@link HotMethods}).
 * It asserts nothing about time, only the correctness counts. The report is also written to
 * {@code system-tests/target/benchmark-report.txt}.
 */
class QualificationBenchmark {

    /**
     * The run's sizes: the numbers by default, smaller ones with -Dbench.quick=true, each overridable.
     * {@code -Dbench.profile=true} adds a JFR profile of each service; {@code -Dbench.outbox.linger.ms=N} runs the
     * services' outbox producer with linger.ms N instead of the product's setting (to measure a choice);
     * {@code -Dbench.statements=true} starts PostgreSQL with pg_stat_statements and prints each job's statements per
     * lead ({@link StatementStatistics}); {@code -Dbench.explain=true} adds auto_explain and lock-wait logging to PostgreSQL
     * and samples the backends' wait events during each job ({@link WaitSampler}); {@code -Dbench.service.env=CRM_BULK_WINDOW=20,CRM_OUTBOX_LINGER_MS=1}
     * restarts every service with those variables (a configuration choice measured, not guessed: docs/operations.md);
     * {@code -Dbench.gateway=java} measures through the local stack's Java gateway instead of nginx.
     */
    record Settings(boolean quick, int warmUp, int single, int smallJob, int largeJob, int hops, int kafkaRecords,
                    double postgresSeconds, int interactivePauseMillis, int creators, int jobTimeoutMinutes,
                    boolean profile, Integer outboxLingerMs, int listLeads, int listWarmUpRounds, int listCalls, int listAtSeconds,
                    boolean statements, boolean explain, Map<String, String> serviceEnvironment, String gateway) {

        static Settings fromSystemProperties() {
            boolean quick = Boolean.getBoolean("bench.quick");
            return new Settings(quick,
                    Integer.getInteger("bench.warmup", quick ? 100 : 1_000),
                    Integer.getInteger("bench.single", quick ? 200 : 1_000),
                    Integer.getInteger("bench.job.small", quick ? 200 : 1_000),
                    Integer.getInteger("bench.job.large", quick ? 1_000 : 10_000),
                    Integer.getInteger("bench.kafka.hops", quick ? 300 : 1_000),
                    Integer.getInteger("bench.kafka.records", quick ? 50_000 : 200_000),
                    Double.parseDouble(System.getProperty("bench.postgres.seconds", quick ? "2" : "5")),
                    Integer.getInteger("bench.interactive.pause.ms", 200),
                    Integer.getInteger("bench.creators", 4),
                    Integer.getInteger("bench.job.timeout.minutes", 60),
                    Boolean.getBoolean("bench.profile"),
                    Integer.getInteger("bench.outbox.linger.ms"),
                    Integer.getInteger("bench.list.leads", quick ? 100_000 : 1_000_000),
                    Integer.getInteger("bench.list.warmup", LeadListLatencies.WARM_UP_ROUNDS),
                    Integer.getInteger("bench.list.calls", quick ? 10 : 40),
                    Integer.getInteger("bench.list.at.seconds", 0),
                    Boolean.getBoolean("bench.statements"),
                    Boolean.getBoolean("bench.explain"),
                    environment(System.getProperty("bench.service.env", "")),
                    System.getProperty("bench.gateway", ""));
        }

        /** {@code CRM_BULK_WINDOW=20,CRM_OUTBOX_LINGER_MS=1}: variables given to every service. */
        private static Map<String, String> environment(String given) {
            Map<String, String> environment = new LinkedHashMap<>();
            for (String pair : given.split(",")) {
                if (!pair.isBlank()) {
                    String[] parts = pair.split("=", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("bench.service.env: expected NAME=value, got " + pair);
                    }
                    environment.put(parts[0].strip(), parts[1].strip());
                }
            }
            return Map.copyOf(environment);
        }
    }

    static {
        // the Kafka clients of this JVM log through slf4j-simple, INFO by default: keep the report readable
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (Boolean.getBoolean("bench.statements")) {
            System.setProperty("crm.stack.postgres.statement-statistics", "true"); // read when the stack starts PostgreSQL
        }
        if (Boolean.getBoolean("bench.explain")) {
            System.setProperty("crm.stack.postgres.explain", "true"); // read when the stack starts PostgreSQL
        }
    }

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern COUNTER = Pattern.compile("\"(completed|failed|duplicates|inProgress)\"\\s*:\\s*(\\d+)");

    private final Settings settings = Settings.fromSystemProperties();
    private final StringBuilder report = new StringBuilder();
    private final List<String> correctnessFailures = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private BenchmarkGateway gateway;
    private String token;

    @Test
    void measure() throws Exception {
        long startAt = System.nanoTime();
        stack = RunningStack.get();
        restartWithBenchmarkSettings();
        gateway = BenchmarkGateway.start(stack, settings.gateway());
        double stackSeconds = (System.nanoTime() - startAt) / 1e9;
        token = stack.tokenOf("carol");
        get("/benchmark-client-warm-up"); // the gateway answers 404 itself: warms this client and the gateway, not the services

        // 1. the first qualification on the freshly started stack, before anything else touches it
        long created = System.nanoTime();
        String firstLead = createLead("Benchmark first");
        double firstCreateMillis = (System.nanoTime() - created) / 1e6;
        StageTimes beforeFirst = StageTimes.read(stack);
        double firstQualifyMillis = qualifyMillis(firstLead);
        StageTimes firstStages = stagesSince(beforeFirst, 1).withoutBulkLane();

        line("=== qualification benchmark, %s%s ===", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                ZonedDateTime.now().withNano(0)), settings.quick() ? " (quick profile)" : "");
        machine(stackSeconds);

        // 2. the physical limits
        progress("measuring Kafka and PostgreSQL");
        PhysicalLimits limits = new PhysicalLimits(stack, outboxLingerMs());
        Latencies hop = new Latencies(limits.kafkaHopMillis(settings.hops()));
        double kafkaRate = limits.kafkaRecordsPerSecond(settings.kafkaRecords(), partitionsOf(Topics.ACCOUNT_COMMANDS));
        double commits1 = limits.postgresCommitsPerSecond(1, settings.postgresSeconds());
        double commits8 = limits.postgresCommitsPerSecond(8, settings.postgresSeconds());
        double commitMillis = 1000.0 / commits1;
        section("Physical limits (same run, same stack)");
        line("  Kafka hop (produce → consume, %s, consumer defaults; %d samples): p50 %.2f ms  p99 %.2f ms  max %.2f ms",
                limits.describeProducerSettings(), hop.size(), hop.p(50), hop.p(99), hop.max());
        line("  Kafka records/s of 512 B (one producer, same settings, %d records, %d partitions): %,.0f/s",
                settings.kafkaRecords(), partitionsOf(Topics.ACCOUNT_COMMANDS), kafkaRate);
        line("  PostgreSQL commits/s, single-row INSERT, autocommit, %.0f s each:  1 client %,.0f/s (%.2f ms a commit)"
                + "   8 clients %,.0f/s", settings.postgresSeconds(), commits1, commitMillis, commits8);

        // 3. single qualifications after the warm-up
        progress("%d warm-up qualifications, then %d measured", settings.warmUp(), settings.single());
        List<String> singleLeads = new ArrayList<>(List.of(firstLead));
        for (int i = 0; i < settings.warmUp(); i++) {
            String lead = createLead("Benchmark warm-up");
            singleLeads.add(lead);
            qualifyMillis(lead);
        }
        List<Double> singleMillis = new ArrayList<>();
        if (settings.statements()) {
            StatementStatistics.reset();
        }
        StageTimes beforeSingle = StageTimes.read(stack);
        Instant singleFrom = Instant.now();
        for (int i = 0; i < settings.single(); i++) {
            String lead = createLead("Benchmark single");
            singleLeads.add(lead);
            singleMillis.add(qualifyMillis(lead));
        }
        StageTimes singleStages = stagesSince(beforeSingle, settings.single()).withoutBulkLane();
        List<String> singlePauses = GcPauses.between(stack, singleFrom, Instant.now());
        Latencies single = new Latencies(singleMillis);
        double floorP50 = 4 * hop.p(50) + 5 * commitMillis;
        double floorP99 = 4 * hop.p(99) + 5 * commitMillis;
        section("Single qualification through the gateway (POST /api/leads/{id}/qualify, Prefer: wait)");
        line("  first on the fresh stack: %.0f ms (the lead's creation before it: %.0f ms); where its time went:",
                firstQualifyMillis, firstCreateMillis);
        firstStages.lines("    ").forEach(text -> line("%s", text));
        line("  after %d warm-up calls, %d calls one at a time: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f ms (mean %.1f)",
                settings.warmUp(), single.size(), single.p(50), single.p(90), single.p(99), single.p(99.9), single.max(),
                single.mean());
        line("  where the time of those %d calls went (the services' stage timers, docs/performance.md):", single.size());
        singleStages.lines("    ").forEach(text -> line("%s", text));
        line("  garbage-collection pauses during those calls (each service's GC log):");
        singlePauses.forEach(text -> line("    %s", text));
        if (settings.statements()) {
            line("  statements per qualification (-Dbench.statements=true: pg_stat_statements, the lead's creation included):");
            StatementStatistics.perLead(settings.single()).forEach(text -> line("    %s", text));
        }
        line("  floor = 4 Kafka hops + 5 commits (1 client): %.1f ms at the hop's p50, %.1f ms at its p99", floorP50, floorP99);
        line("  ratio to the floor: p50 %.1f×   p99 %.1f× (to the p99 floor)", single.p(50) / floorP50, single.p(99) / floorP99);
        correctness("single qualifications (warm-up included)", singleLeads);

        // 4. bulk jobs
        bulkJob(settings.smallJob(), false, commits8);
        JobResult large = bulkJob(settings.largeJob(), true, commits8);

        // 5. memory after the large job
        section("Memory after the " + settings.largeJob() + "-lead job");
        Map<String, Double> rss = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            long pid = stack.service(service.name()).process().pid();
            rss.put(service.name(), ProcessStats.rssMiB(pid));
            line("  %-20s RSS %.0f MiB (peak %.0f MiB)", service.name(), ProcessStats.rssMiB(pid), ProcessStats.peakRssMiB(pid));
        }
        long kafkaPid = stack.kafka().process().pid();
        line("  %-20s RSS %.0f MiB (peak %.0f MiB)", "Kafka broker", ProcessStats.rssMiB(kafkaPid), ProcessStats.peakRssMiB(kafkaPid));

        // 6. lead lists, with the list's leads added to the lead database of this stack
        List<LeadListLatencies.Timed> lists = leadLists();

        // 7. the targets of issue 9
        section("Targets of issue 9");
        verdict(single.p(50) <= 20, "single qualification p50 ≤ 20 ms: %.1f ms", single.p(50));
        verdict(single.p(99) <= 60, "single qualification p99 ≤ 60 ms: %.1f ms", single.p(99));
        verdict(large.leadsPerSecond() >= 1_000, "%,d-lead job ≥ 1,000 leads/s: %.1f leads/s%s", large.size(),
                large.leadsPerSecond(), large.size() == 10_000 ? "" : " (measured with " + large.size() + " leads, not 10,000)");
        verdict(large.interactive().p(99) <= 100, "interactive qualification during that job p99 ≤ 100 ms: %.1f ms (%d calls)",
                large.interactive().p(99), large.interactive().size());
        verdict(firstQualifyMillis <= 1_000, "first qualification on a fresh stack ≤ 1 s: %.0f ms", firstQualifyMillis);
        // the target is in MB (10^6 bytes): 300 MB is 286.1 MiB
        rss.forEach((service, mib) -> verdict(mib * 1024 * 1024 <= 300e6, "%s RSS ≤ 300 MB after the large job: %.0f MB (%.0f MiB)",
                service, mib * 1024 * 1024 / 1e6, mib));
        LeadListLatencies.Timed worstList = LeadListLatencies.worst(lists);
        verdict(worstList.p(99) <= LeadListLatencies.TARGET_P99_MS, "lead lists at 1,000,000 leads p99 ≤ 20 ms: worst p99 %.1f ms (%s),"
                + " %d of %d shapes meet it%s", worstList.p(99), worstList.shape(), LeadListLatencies.meetingTarget(lists), lists.size(),
                settings.listLeads() == 1_000_000 ? "" : String.format(" (measured with %,d leads added, not 1,000,000)", settings.listLeads()));
        verdict(correctnessFailures.isEmpty(), "exact counts after every run%s",
                correctnessFailures.isEmpty() ? "" : ": " + String.join("; ", correctnessFailures));
        line("");
        line("load average at the end (1, 5, 15 min): %s", loadAverage());
        if (settings.profile()) {
            printProfiles();
        }

        Path file = Path.of("target", "benchmark-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString());
        System.out.println("(report written to " + file.toAbsolutePath() + ")");
        gateway.close();
        assertTrue(correctnessFailures.isEmpty(), "counts after the runs: " + correctnessFailures);
    }

    /**
     * Every view × sort × search of the lead list, one call at a time through the gateway, after adding
     * {@code bench.list.leads} generated leads to this stack's lead database (what the jobs qualified stays).
     */
    private List<LeadListLatencies.Timed> leadLists() throws Exception {
        progress("adding %,d leads for the lead lists", settings.listLeads());
        long started = System.nanoTime();
        try (Connection c = leadDatabase()) {
            LeadListLatencies.fill(c, settings.listLeads());
        }
        // the fill's write-ahead log (~0.5 GB at a million leads) starts checkpoints that would write its pages during
        // the timed calls (the run of 2026-11-27 05:55 had one from 06:02:54 to 06:04:27): write them now, as a table
        // that grew over months has them on disk already
        try (Connection c = stack.postgres().superuserConnection(ServiceDefinition.LEAD.database());
             Statement s = c.createStatement()) {
            s.execute("checkpoint");
        }
        double fillSeconds = (System.nanoTime() - started) / 1e9;
        Instant measuredFrom = Instant.now();
        Function<LeadListLatencies.Shape, String> tokenOf = shape -> "Bearer " + stack.tokenOf(shape.user());
        LeadListLatencies.warmUp(http, gateway.url(), tokenOf, settings.listWarmUpRounds());
        long leadService = stack.service(ServiceDefinition.LEAD.name()).process().pid();
        Instant leadStarted = ProcessHandle.of(leadService).flatMap(process -> process.info().startInstant()).orElseThrow();
        waitUntil(leadStarted.plusSeconds(settings.listAtSeconds()));
        Optional<JitCompilations> jitBefore = JitCompilations.of(leadService);
        Instant timedFrom = Instant.now();
        List<LeadListLatencies.Timed> timed = LeadListLatencies.measure(http, gateway.url(), tokenOf, settings.listCalls());
        Instant timedTo = Instant.now();
        Optional<JitCompilations> jitAfter = JitCompilations.of(leadService);
        List<String> pauses = GcPauses.between(stack, measuredFrom, Instant.now());
        List<LeadListLatencies.Call> calls = timed.stream().flatMap(t -> t.calls().stream()).toList();
        SlowListCalls slow = new SlowListCalls(calls, gateway.timesOf(calls.stream().map(LeadListLatencies.Call::requestId).toList()),
                pausesOfListCalls());
        section(String.format("Lead lists through the gateway (GET /api/leads), %,d leads added (200 owners, 3 in 10 open; filled"
                + " and analysed in %.0f s, then a checkpoint), after %d untimed rounds over all shapes, %d calls per shape, each the first page and the next by its cursor",
                settings.listLeads(), fillSeconds, settings.listWarmUpRounds(), settings.listCalls()));
        line("  timed calls %s–%s UTC, lead-service's %s–%s after its start (%s UTC); every call in %s", CLOCK.format(timedFrom),
                CLOCK.format(timedTo), sinceStart(leadStarted, timedFrom), sinceStart(leadStarted, timedTo), CLOCK.format(leadStarted),
                LIST_CALLS.getFileName());
        for (String row : LeadListLatencies.table(timed).split("\n")) {
            line("  %s", row);
        }
        slow.write(LIST_CALLS, leadStarted);
        slow.lines(LeadListLatencies.TARGET_P99_MS, SLOWEST_LIST_CALLS).forEach(text -> line("  %s", text));
        if (jitBefore.isPresent() && jitAfter.isPresent()) {
            JitCompilations during = jitAfter.get().since(jitBefore.get());
            line("  lead-service's JIT during the timed calls (jstat -compiler): %,d methods compiled, %.1f s of compiler threads' time",
                    during.compiled(), during.seconds());
        } else {
            line("  lead-service's JIT during the timed calls: not read (jstat missing or not attached)");
        }
        line("  garbage-collection pauses during the list calls (warm-up rounds included; each service's GC log and this JVM's):");
        pauses.forEach(text -> line("    %s", text));
        return timed;
    }

    private static final int SLOWEST_LIST_CALLS = 10;
    private static final Path LIST_CALLS = Path.of("target", "list-calls.csv");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** {@code 4:05}: minutes and seconds from a process' start. */
    private static String sinceStart(Instant started, Instant at) {
        long seconds = Duration.between(started, at).toSeconds();
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /**
     * Until {@code at} ({@code -Dbench.list.at.seconds}: the timed list calls start at that moment of lead-service's life,
     * to put a periodic event of its own inside them); at once when it has passed.
     */
    private static void waitUntil(Instant at) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), at);
        if (!left.isNegative()) {
            progress("waiting %d s for lead-service's moment of the timed list calls", left.toSeconds());
            Thread.sleep(left.toMillis());
        }
    }

    /** The collections that could stop a list call: lead-service's, and this JVM's (the client's, the Java gateway's). */
    private Map<String, List<GcPauses.Pause>> pausesOfListCalls() throws IOException {
        Map<String, List<GcPauses.Pause>> pauses = new LinkedHashMap<>();
        pauses.put(ServiceDefinition.LEAD.name(), GcPauses.read(stack.service(ServiceDefinition.LEAD.name()).gcLog()));
        Optional<Path> own = GcPauses.ownLog();
        if (own.isPresent()) {
            pauses.put(GcPauses.OWN, GcPauses.read(own.get()));
        }
        return pauses;
    }

    // ---- -Dbench.profile=true: a JFR recording of each service over the whole run, its hottest methods in the report

    private static final Path PROFILES = Path.of("target", "profiles").toAbsolutePath();
    private static final int HOT_METHODS = 15;

    /** The services' outbox linger.ms in this run: the one asked for, else service-common's default. */
    private int outboxLingerMs() throws IOException {
        if (settings.outboxLingerMs() != null) {
            return settings.outboxLingerMs();
        }
        Path shared = Path.of("").toAbsolutePath().getParent() // surefire runs in system-tests/
                .resolve("service-common/src/main/resources/META-INF/microprofile-config.properties");
        Matcher setting = Pattern.compile("(?m)^mp\\.messaging\\.outgoing\\.outbox\\.linger\\.ms=\\$\\{\\w+:(\\d+)}")
                .matcher(Files.readString(shared));
        if (!setting.find()) {
            throw new IllegalStateException("no mp.messaging.outgoing.outbox.linger.ms=${VARIABLE:default} in " + shared);
        }
        return Integer.parseInt(setting.group(1));
    }

    /**
     * With {@code -Dbench.profile} or {@code -Dbench.outbox.linger.ms}, restarts each service with them: a JFR
     * recording through JDK_JAVA_OPTIONS (which the java launcher adds to the stack's own JVM options), written when
     * the service stops; the linger through the variable the services read.
     */
    private void restartWithBenchmarkSettings() throws IOException {
        if (settings.profile()) {
            Files.createDirectories(PROFILES);
        }
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Map<String, String> environment = new LinkedHashMap<>();
            if (settings.profile()) {
                Path recording = PROFILES.resolve(service.name() + ".jfr");
                Files.deleteIfExists(recording);
                environment.put("JDK_JAVA_OPTIONS", "-XX:FlightRecorderOptions:stackdepth=128"
                        + " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
            }
            if (settings.outboxLingerMs() != null) {
                environment.put("CRM_OUTBOX_LINGER_MS", settings.outboxLingerMs().toString());
            }
            environment.putAll(settings.serviceEnvironment());
            if (!environment.isEmpty()) {
                progress("restarting %s with %s", service.name(), environment);
                stack.restartWith(service.name(), environment);
            }
        }
    }

    /** Stops the services (a JFR recording is written at exit) and prints where each spent its CPU. */
    private void printProfiles() throws IOException {
        section("Profiles (-Dbench.profile=true: JFR, settings=profile, the whole run; files in " + PROFILES + ")");
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            stack.service(service.name()).stop();
        }
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Path recording = PROFILES.resolve(service.name() + ".jfr");
            if (!Files.isRegularFile(recording)) {
                line("  %s: no recording at %s", service.name(), recording);
                continue;
            }
            HotMethods hot = HotMethods.of(recording, HOT_METHODS);
            line("  %s, %,d execution samples; self time by method:", service.name(), hot.samples());
            hot.self().forEach(count -> line("    %5.1f %%  %s", hot.percent(count), count.name()));
            line("  %s, by library (of the first frame below the JDK's):", service.name());
            hot.libraries().forEach(count -> line("    %5.1f %%  %s", hot.percent(count), count.name()));
            line("  %s, the project's methods by total time (on the sampled stack):", service.name());
            hot.ownTotal().forEach(count -> line("    %5.1f %%  %s", hot.percent(count), count.name()));
        }
    }

    /**
     * The stage timers recorded since {@code before}, once lead-service has counted {@code qualifications} answers of
     * POST /qualify (it records its HTTP timer as the answer goes out, a moment after the client may have it).
     */
    private StageTimes stagesSince(StageTimes before, int qualifications) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        StageTimes since = StageTimes.read(stack).since(before);
        while (since.qualifications() < qualifications && System.nanoTime() < deadline) {
            Thread.sleep(20);
            since = StageTimes.read(stack).since(before);
        }
        return since;
    }

    /** What one bulk job measured. */
    record JobResult(int size, double seconds, double leadsPerSecond, Latencies interactive) {
    }

    private JobResult bulkJob(int size, boolean withInteractive, double commits8) throws Exception {
        String tag = "Benchmark job " + size + " " + UUID.randomUUID().toString().substring(0, 8);
        progress("creating %,d leads for a bulk job", size);
        List<String> leads = createLeads(size, tag);
        progress("submitting the job of %,d leads", size);
        Map<String, Long> pids = processes();
        Map<String, Double> cpuBefore = cpu(pids);
        DatabaseActivity databaseBefore = DatabaseActivity.now();
        if (settings.statements()) {
            StatementStatistics.reset();
        }
        List<String> interactiveLeads = Collections.synchronizedList(new ArrayList<>());
        List<Double> interactiveMillis = Collections.synchronizedList(new ArrayList<>());
        double seconds;
        String finalStatus;
        BacklogSampler sampler = new BacklogSampler(stack, 250);
        WaitSampler waits = settings.explain() ? new WaitSampler(10) : null;
        StageTimes stagesBefore = StageTimes.read(stack);
        Instant jobFrom = Instant.now();
        try (sampler; waits) { // null waits: not sampled
            long start = System.nanoTime();
            String job = submitJob(leads);
            ExecutorService interactive = Executors.newSingleThreadExecutor();
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            Future<?> interactiveRun = interactive.submit(() -> {
                while (withInteractive && !stop.get()) {
                    String lead = createLead(tag + " interactive");
                    interactiveLeads.add(lead);
                    interactiveMillis.add(qualifyMillis(lead));
                    Thread.sleep(settings.interactivePauseMillis());
                }
                return null;
            });
            long deadline = start + TimeUnit.MINUTES.toNanos(settings.jobTimeoutMinutes());
            long lastStatus = 0;
            String status = "";
            int qualified = 0;
            try (Connection lead = leadDatabase();
                 PreparedStatement count = lead.prepareStatement("select count(*) from lead where topic = ? and state = 'QUALIFIED'")) {
                count.setString(1, tag);
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        qualified = rs.getInt(1);
                    }
                    if (qualified >= size) {
                        break;
                    }
                    if (System.nanoTime() - lastStatus > 2_000_000_000L) { // a finished job with failures ends the wait too
                        lastStatus = System.nanoTime();
                        status = jobStatus(job);
                        if (status.startsWith("FINISHED")) {
                            break;
                        }
                    }
                    // each poll scans the lead table (0.3 ms of PostgreSQL per lead at 10 polls a second, pg_stat_statements):
                    // seldom while the end is far, often near it, so the end is still timed to ~50 ms
                    Thread.sleep(qualified < size * 9L / 10 ? 1_000 : 50);
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            interactiveRun.get(2, TimeUnit.MINUTES);
            interactive.shutdown();
            long finishDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!(status = jobStatus(job)).startsWith("FINISHED") && System.nanoTime() < finishDeadline) {
                Thread.sleep(200);
            }
            finalStatus = status;
        }
        Map<String, Double> cpuAfter = cpu(pids);
        StageTimes interactiveStages = withInteractive
                ? stagesSince(stagesBefore, interactiveMillis.size()).interactiveLaneOnly() : null;
        List<String> jobPauses = GcPauses.between(stack, jobFrom, Instant.now());
        double leadsPerSecond = size / seconds;
        Latencies interactive = new Latencies(interactiveMillis);

        section("Bulk job of " + String.format("%,d", size) + " leads (POST /api/leads/qualify-jobs, window "
                + stack.service(ServiceDefinition.LEAD.name()).spec().environment().getOrDefault("CRM_BULK_WINDOW", "50") + ")");
        line("  submission → last lead QUALIFIED: %.1f s = %.1f leads/s   (job: %s)", seconds, leadsPerSecond, finalStatus);
        line("  = 1/%.0f of PostgreSQL's commit rate with 8 clients (%,.0f/s): %.0f commits of the machine per lead",
                commits8 / leadsPerSecond, commits8, commits8 / leadsPerSecond);
        StringBuilder cpuLine = new StringBuilder("  CPU per lead:");
        double total = 0;
        for (String process : pids.keySet()) {
            double perLead = (cpuAfter.get(process) - cpuBefore.get(process)) / size * 1000;
            total += perLead;
            cpuLine.append(String.format("  %s %.1f ms", process, perLead));
        }
        line("%s  | total %.1f ms (= %.0f %% of %d cores over the job)", cpuLine, total,
                total * size / 1000 / seconds / Runtime.getRuntime().availableProcessors() * 100,
                Runtime.getRuntime().availableProcessors());
        line("  garbage-collection pauses during the job (each service's GC log):");
        jobPauses.forEach(text -> line("    %s", text));
        line("  peak consumer lag (records, sampled every 250 ms): %s", sampler.peakLag());
        line("  peak outbox backlog (rows, sampled every 250 ms):  %s%s", sampler.peakOutbox(),
                sampler.failure() == null ? "" : "  (sampling stopped: " + sampler.failure() + ")");
        if (withInteractive) {
            line("  interactive qualifications beside the job (one at a time, %d ms apart): %d calls  p50 %.1f  p99 %.1f  max %.1f ms",
                    settings.interactivePauseMillis(), interactive.size(), interactive.p(50), interactive.p(99), interactive.max());
            line("  where the time of those %d calls went (the services' stage timers on the interactive lane's topics):",
                    interactive.size());
            interactiveStages.lines("    ").forEach(text -> line("%s", text));
        }
        correctness("job of " + size, leads);
        if (withInteractive) {
            correctness("interactive calls beside the job", new ArrayList<>(interactiveLeads));
        }
        Thread.sleep(2_000); // PostgreSQL publishes the backends' counts within a second or two of their last commit
        line("  per lead (the job's %d leads%s; pg_stat_database, the benchmark's own reads included):%s", size,
                withInteractive ? " and " + interactiveLeads.size() + " interactive ones" : "",
                DatabaseActivity.now().perLeadSince(databaseBefore, size + interactiveLeads.size()));
        if (settings.statements()) {
            line("  statements per lead (-Dbench.statements=true: pg_stat_statements, the benchmark's own reads included):");
            StatementStatistics.perLead(size + interactiveLeads.size()).forEach(text -> line("    %s", text));
        }
        if (waits != null) {
            line("  what the services' backends were doing during the job (-Dbench.explain=true: pg_stat_activity sampled;"
                    + " the plans of statements of 3 ms or more and lock waits over 100 ms are in the stack's postgres.log):");
            waits.lines().forEach(text -> line("    %s", text));
            line("  the outbox tables after the job (-Dbench.explain=true):");
            OutboxTables.lines().forEach(text -> line("    %s", text));
        }
        return new JobResult(size, seconds, leadsPerSecond, interactive);
    }

    /** The exact counts the issue asks for after each run, printed and remembered for the final verdict and assertion. */
    private void correctness(String run, List<String> leads) throws SQLException {
        if (leads.isEmpty()) {
            return;
        }
        QualifiedRecords records = QualifiedRecords.of(leads);
        int setAside = 0;
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            setAside += RunningStack.count(service.database(), "select count(*) from set_aside_message");
        }
        boolean exact = records.qualified() == leads.size() && records.accounts() == records.qualified()
                && records.contacts() == records.qualified() && records.opportunities() == records.qualified()
                && records.orphans() == 0 && records.mismatched() == 0 && records.inProgress() == 0 && setAside == 0;
        line("  counts after the %s: %d leads, QUALIFIED %d = accounts %d = contacts %d = opportunities %d; orphans %d, "
                        + "not the lead's %d, IN_PROGRESS %d, set aside %d (all databases)  %s", run, leads.size(),
                records.qualified(), records.accounts(), records.contacts(), records.opportunities(), records.orphans(),
                records.mismatched(), records.inProgress(), setAside, exact ? "exact" : "WRONG");
        if (!exact) {
            correctnessFailures.add(run + " " + records + " set aside " + setAside);
        }
    }

    private void machine(double stackSeconds) throws Exception {
        section("Machine and settings");
        line("  %d cores (%s), %s RAM, %s %s, Java %s; stack started in %.1f s", Runtime.getRuntime().availableProcessors(),
                cpuModel(), memTotal(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), stackSeconds);
        line("  load average now (1, 5, 15 min): %s  (other work on the machine shares its cores with this run)", loadAverage());
        line("  %-20s %s", "gateway", gateway.description());
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            ServiceProcess process = stack.service(service.name());
            line("  %-20s heap %s", service.name(), ProcessStats.heapOptions(process.process().pid()));
        }
        line("  %-20s heap %s", "Kafka broker", ProcessStats.heapOptions(stack.kafka().process().pid()));
        if (!settings.serviceEnvironment().isEmpty()) {
            line("  every service restarted with %s (-Dbench.service.env; otherwise the product's settings)",
                    settings.serviceEnvironment());
        }
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(ServiceDefinition.LEAD.database()),
                StackConfig.DB_USER, StackConfig.DB_PASSWORD); Statement s = c.createStatement()) {
            List<String> shown = new ArrayList<>();
            for (String setting : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes",
                    "wal_sync_method", "shared_buffers", "max_connections")) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    shown.add(setting + "=" + rs.getString(1));
                }
            }
            if (settings.statements()) {
                shown.add("shared_preload_libraries=pg_stat_statements (-Dbench.statements=true)");
            }
            if (settings.explain()) {
                shown.add("auto_explain (log_min_duration 3ms, log_analyze, log_buffers) log_lock_waits deadlock_timeout=100ms (-Dbench.explain=true)");
            }
            line("  PostgreSQL           %s", String.join(" ", shown));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            // the saga's topics, bulk and interactive lane, in Topics' order (allTopicNames is a map without one)
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.CONSUMED).allTopicNames().get(30, TimeUnit.SECONDS);
            String partitions = Topics.CONSUMED.stream().map(t -> t + " " + topics.get(t).partitions().size())
                    .collect(Collectors.joining(", "));
            String brokerId = Integer.toString(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().id());
            Config broker = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, brokerId)))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next();
            line("  Kafka                partitions: %s; broker group.initial.rebalance.delay.ms=%s, "
                            + "log.flush.interval.messages=%s (flush left to the OS, as Kafka's default)",
                    partitions, broker.get("group.initial.rebalance.delay.ms").value(),
                    broker.get("log.flush.interval.messages").value());
        }
    }

    private int partitionsOf(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        }
    }

    /** The processes whose CPU a bulk job is charged with: the services, the broker, PostgreSQL, this JVM. */
    private Map<String, Long> processes() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            pids.put(service.name(), stack.service(service.name()).process().pid());
        }
        pids.put("Kafka", stack.kafka().process().pid());
        pids.put("PostgreSQL", stack.postgres().pid());
        gateway.nginxPid().ifPresent(pid -> pids.put("nginx", pid));
        pids.put("benchmark JVM", ProcessHandle.current().pid());
        return pids;
    }

    private static Map<String, Double> cpu(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        // PostgreSQL's backends and nginx's workers are child processes of the pid named
        pids.forEach((name, pid) -> seconds.put(name, name.equals("PostgreSQL") || name.equals("nginx")
                ? ProcessStats.treeCpuSeconds(pid) : ProcessStats.cpuSeconds(pid)));
        return seconds;
    }

    // ---- HTTP through the gateway, with the JDK's client (low overhead per call, HTTP/1.1 keep-alive)

    private String createLead(String topic) throws IOException, InterruptedException {
        String body = String.format("{\"topic\":\"%s\",\"lastName\":\"Speed\",\"companyName\":\"Bench %s\","
                + "\"email\":\"%s@bench.example\",\"currency\":\"EUR\"}", topic, UUID.randomUUID(), UUID.randomUUID());
        HttpResponse<String> response = send(post("/api/leads?suppressDuplicateDetection=true", body));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating a lead: " + response.statusCode() + " " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private List<String> createLeads(int count, String topic) throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(settings.creators());
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(creators.submit(() -> createLead(topic)));
            }
            List<String> leads = new ArrayList<>();
            for (Future<String> id : ids) {
                leads.add(id.get());
            }
            return leads;
        } finally {
            creators.shutdown();
        }
    }

    /** One qualification with {@code Prefer: wait}, timed from sending the request to the whole answer. */
    private double qualifyMillis(String lead) throws IOException, InterruptedException {
        HttpRequest request = post("/api/leads/" + lead + "/qualify", "{}").header("Prefer", "wait=30").build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("qualifying " + lead + ": " + response.statusCode() + " " + response.body());
        }
        return millis;
    }

    private String submitJob(List<String> leads) throws IOException, InterruptedException {
        String body = leads.stream().map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",", "{\"leadIds\":[", "],\"opportunityCurrency\":\"EUR\"}"));
        HttpResponse<String> response = send(post("/api/leads/qualify-jobs", body));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("submitting a job: " + response.statusCode() + " " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("/api/"));
    }

    /** The job's status with its counters, e.g. {@code FINISHED completed=1000 failed=0 ...}. */
    private String jobStatus(String job) throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(URI.create(gateway.url() + job + "?results=false"))
                .header("Authorization", "Bearer " + token).GET()).body();
        Matcher status = STATUS.matcher(body);
        StringBuilder text = new StringBuilder(status.find() ? status.group(1) : body);
        Matcher counter = COUNTER.matcher(body);
        while (counter.find()) {
            text.append(' ').append(counter.group(1)).append('=').append(counter.group(2));
        }
        return text.toString();
    }

    private void get(String path) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).GET());
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Connection leadDatabase() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(ServiceDefinition.LEAD.database()), StackConfig.DB_USER,
                StackConfig.DB_PASSWORD);
    }

    // ---- the report

    private void section(String title) {
        line("");
        line("%s", title);
    }

    /** One line of the report: printed at once (a long run shows its progress) and kept for the report file. */
    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.append(text).append(System.lineSeparator());
    }

    /** What the run is doing now; not part of the report. */
    private static void progress(String format, Object... args) {
        System.out.printf("[benchmark] " + format + "%n", args);
    }

    private void verdict(boolean pass, String format, Object... args) {
        line("  %s  %s", pass ? "PASS" : "FAIL", String.format(format, args));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0))
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Latency samples in milliseconds and their percentiles (nearest rank). */
    record Latencies(List<Double> sorted) {
        Latencies {
            sorted = sorted.stream().sorted().toList();
        }

        int size() {
            return sorted.size();
        }

        double p(double percentile) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            // nearest rank; the epsilon keeps 99.9 / 100 * 1000 (= 999.0000000000001 in doubles) at rank 999
            int rank = (int) Math.ceil(percentile * sorted.size() / 100.0 - 1e-9);
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }

        double max() {
            return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
        }

        double mean() {
            return sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }
}
