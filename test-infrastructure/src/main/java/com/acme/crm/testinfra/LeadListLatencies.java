package com.acme.crm.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Issue 9's lead-list target (every view × sort × search p99 ≤ 20 ms at a million leads), measured the same way by
 * lead-service's {@code LeadListBenchmark} (one service) and system-tests' {@code QualificationBenchmark} (through the
 * gateway of the whole stack): the same generated leads, the same 216 shapes, each timed one call at a time over its
 * first page and the next by its cursor.
 */
public final class LeadListLatencies {

    public static final double TARGET_P99_MS = 20;
    /**
     * Untimed rounds over all shapes before the timed calls (4,320 calls): after them lead-service's JIT compiled a fifth
     * as many methods during the timed calls as after the former 648 first pages (issue 9, ninth step).
     */
    public static final int WARM_UP_ROUNDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who lists (a user of the dev tokens and the role that user has), with which view, sort, owner filter and search. */
    public record Shape(String user, String role, String ownerId, String view, String sort, String q) {

        String pathAndQuery() {
            return "/api/leads?view=" + view + "&sort=" + sort + (ownerId == null ? "" : "&ownerId=" + ownerId)
                    + (q == null ? "" : "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return user + (ownerId == null ? "" : " ownerId=" + ownerId) + ", " + view + ", " + sort + (q == null ? "" : ", q=" + q);
        }
    }

    /**
     * One timed call: when it was sent, the client's time from sending to the parsed page, and the {@code X-Request-Id}
     * it carried (a gateway's access log and the service's log name it, so its time can be followed there).
     */
    public record Call(Shape shape, boolean nextPage, String requestId, Instant sentAt, double millis) {
    }

    /** One shape's sorted latencies in milliseconds, and its calls in the order they were made. */
    public record Timed(Shape shape, double[] sortedMillis, List<Call> calls) {

        public double p(int percentile) {
            return sortedMillis[Math.max(0, (int) Math.ceil(percentile / 100.0 * sortedMillis.length) - 1)];
        }

        public double max() {
            return sortedMillis[sortedMillis.length - 1];
        }
    }

    private LeadListLatencies() {
    }

    /**
     * A salesperson (alice, who owns one lead in 200), a sales manager (carol), and carol filtering by one owner; each
     * with the four views, six sorts, and no search, a rare term whose words most leads share, and a word in every lead.
     */
    public static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        for (String[] viewer : List.of(new String[]{"alice", "salesperson", null}, new String[]{"carol", "sales-manager", null},
                new String[]{"carol", "sales-manager", "owner-42"})) {
            for (String view : List.of("my-open", "open", "closed", "all")) {
                for (String sort : List.of("-createdAt", "createdAt", "-modifiedAt", "modifiedAt", "lastName", "-lastName")) {
                    for (String q : Arrays.asList(null, "company 12345", "example")) {
                        shapes.add(new Shape(viewer[0], viewer[1], viewer[2], view, sort, q));
                    }
                }
            }
        }
        return shapes;
    }

    /**
     * Adds {@code leads} generated leads (200 owners, alice one of them; 3 in 10 open) to a service's lead table in one
     * statement, its indexes dropped before and built again after (as a bulk load is done), then vacuumed and analysed
     * as autovacuum would. Leads already there stay.
     */
    public static void fill(Connection lead, int leads) throws SQLException {
        try (Statement s = lead.createStatement()) {
            List<String> definitions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select indexdef from pg_indexes "
                    + "where schemaname = 'public' and tablename = 'lead' and indexname <> 'lead_pkey'")) {
                while (rs.next()) {
                    definitions.add(rs.getString(1));
                }
            }
            for (String definition : definitions) {
                s.execute("drop index " + definition.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) .*$", "$2"));
            }
            s.execute("set maintenance_work_mem = '256MB'");
            s.execute("""
                    insert into lead (id, topic, first_name, last_name, company_name, email, owner_id, state, status_reason,
                                      version, created_at, created_by, modified_at, modified_by, closed_at)
                    select gen_random_uuid(), 'topic ' || i, 'First' || (i % 997), 'Last' || (i::bigint * 7919 % 1000003),
                           'Company ' || i, 'lead-' || i || '@example.com',
                           case when i / 10 % 200 = 7 then 'alice' else 'owner-' || (i / 10 % 200) end,
                           case when i % 10 < 3 then 'OPEN' when i % 2 = 0 then 'QUALIFIED' else 'DISQUALIFIED' end,
                           case when i % 10 < 3 then 'NEW' when i % 2 = 0 then 'QUALIFIED' else 'LOST' end,
                           0, now() - i * interval '1 second', 'seed', now() - (i % 50000) * interval '1 minute', 'seed',
                           case when i % 10 < 3 then null else now() end
                    from generate_series(1, LEADS) as i
                    """.replace("LEADS", Integer.toString(leads)));
            for (String definition : definitions) {
                s.execute(definition);
            }
            s.execute("vacuum analyze lead");
        }
    }

    private static String urlOf(String baseUrl, Shape shape) {
        return baseUrl.replaceAll("/$", "") + shape.pathAndQuery();
    }

    /**
     * Untimed {@code rounds} over all shapes, each the first page and the next by its cursor, as the timed calls are. The
     * list path's JIT is cold at first, as the single qualifications' is before their warm-up: a method that runs once
     * per call is compiled by C2 only after thousands of calls, and a pass of three first pages per shape (648 calls, no
     * cursor) left C2 compiling during the first timed shapes (issue 9, ninth step).
     */
    public static void warmUp(HttpClient http, String baseUrl, Function<Shape, String> tokenOf, int rounds)
            throws IOException, InterruptedException {
        for (int round = 0; round < rounds; round++) {
            for (Shape shape : shapes()) {
                pageAndNext(http, shape, urlOf(baseUrl, shape), tokenOf.apply(shape), "list-warm-up-", null);
            }
        }
    }

    /**
     * Times every shape {@code calls} times (after {@link #warmUp}): the first page, then the next one by its cursor,
     * each call alone, against {@code baseUrl} (a service or the gateway) with the bearer token {@code tokenOf} gives
     * for a shape.
     */
    public static List<Timed> measure(HttpClient http, String baseUrl, Function<Shape, String> tokenOf, int calls)
            throws IOException, InterruptedException {
        List<Timed> timed = new ArrayList<>();
        for (Shape shape : shapes()) {
            String token = tokenOf.apply(shape);
            String url = urlOf(baseUrl, shape);
            List<Call> made = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                pageAndNext(http, shape, url, token, "list-", made);
            }
            timed.add(new Timed(shape, made.stream().mapToDouble(Call::millis).sorted().toArray(), List.copyOf(made)));
        }
        return timed;
    }

    /** The first page, then the next one by its cursor when there is one (a list of one page has none); timed into {@code made} unless it is null. */
    private static void pageAndNext(HttpClient http, Shape shape, String url, String token, String idPrefix, List<Call> made)
            throws IOException, InterruptedException {
        JsonNode page = timedGet(http, shape, false, url, token, idPrefix, made);
        String cursor = page.path("nextCursor").asText(null);
        if (cursor != null) {
            timedGet(http, shape, true, url + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8), token, idPrefix, made);
        }
    }

    private static JsonNode timedGet(HttpClient http, Shape shape, boolean nextPage, String url, String token, String idPrefix,
                                     List<Call> made) throws IOException, InterruptedException {
        String requestId = idPrefix + UUID.randomUUID();
        Instant sentAt = Instant.now();
        long t0 = System.nanoTime();
        JsonNode page = get(http, url, token, requestId);
        if (made != null) {
            made.add(new Call(shape, nextPage, requestId, sentAt, (System.nanoTime() - t0) / 1e6));
        }
        return page;
    }

    /** A line per shape, then the worst p99 and how many shapes meet the target. */
    public static String table(List<Timed> timed) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-52s %8s %8s %8s%n", "viewer, view, sort, q",
                "p50 ms", "p99 ms", "max ms"));
        for (Timed t : timed) {
            text.append(String.format(Locale.ROOT, "%-52s %8.1f %8.1f %8.1f%n", t.shape(), t.p(50), t.p(99), t.max()));
        }
        return text.toString();
    }

    public static Timed worst(List<Timed> timed) {
        Timed worst = timed.get(0);
        for (Timed t : timed) {
            if (t.p(99) > worst.p(99)) {
                worst = t;
            }
        }
        return worst;
    }

    public static long meetingTarget(List<Timed> timed) {
        return timed.stream().filter(t -> t.p(99) <= TARGET_P99_MS).count();
    }

    private static JsonNode get(HttpClient http, String url, String token, String requestId)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .header("X-Request-Id", requestId).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
