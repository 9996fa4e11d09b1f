package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.Route;
import com.acme.crm.stack.ServiceDefinition;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docker-compose gateway, proven: real nginx with deploy/nginx/nginx.conf (only its upstream and listen lines
 * pointed here) in front of the running services, driven over HTTP.
 */
class NginxGatewaySystemTest {

    private static final Path CONF = Path.of("").toAbsolutePath().getParent().resolve("deploy/nginx/nginx.conf");
    // one GET per route that a salesperson may call; the route's prefix itself where it is a list
    private static final Map<String, String> READABLE = Map.of("/api/settings", "/api/settings/lead-qualification");

    private static LocalStack stack;
    private static NginxGateway nginx;
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void start() throws Exception {
        NginxGateway.binary(); // no nginx: fail (CI) or skip before starting the stack
        stack = RunningStack.get();
        nginx = NginxGateway.start(CONF, RunningStack.freePort(), servicePorts());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void onlyTheUpstreamAndListenLinesDifferFromTheComposeConf() throws IOException {
        List<String> original = Files.readAllLines(CONF);
        List<String> rewritten = NginxGateway.rewrite(original, 9999, servicePorts());
        assertEquals(original.size(), rewritten.size());
        long changed = 0;
        for (int i = 0; i < original.size(); i++) {
            if (!original.get(i).equals(rewritten.get(i))) {
                changed++;
                assertTrue(rewritten.get(i).matches("\\s*(server 127\\.0\\.0\\.1:\\d+|listen 127\\.0\\.0\\.1:9999);")
                        || rewritten.get(i).trim().equals("root " + NginxGateway.CONSOLE_DIST + ";"), rewritten.get(i));
            }
        }
        assertEquals(ServiceDefinition.ALL.size() + 2, changed);
    }

    @Test
    void everyRouteReachesItsServiceWithARealToken() throws Exception {
        for (Route route : Route.TABLE) {
            // a path of another service would be 404 there: 200 means the right service answered
            // (the Swagger UI answers /swagger-ui with a redirect to /swagger-ui/)
            HttpResponse<String> response = get(pathOf(route), "alice", null);
            int expected = route.pathPrefix().equals("/swagger-ui") ? 302 : 200;
            assertEquals(expected, response.statusCode(), route + ": " + response.body());
        }
    }

    @Test
    void withoutATokenEveryApiRouteAnswers401AndTheDocumentsAreOpen() throws Exception {
        for (Route route : Route.TABLE) {
            int status = get(pathOf(route), null, null).statusCode();
            if (route.pathPrefix().startsWith("/api/")) {
                assertEquals(401, status, route.toString());
            } else {
                assertTrue(status == 200 || status == 302, route + ": " + status);
            }
        }
    }

    @Test
    void theClientsRequestIdReachesTheServiceAndOneIsGeneratedWhenAbsent() throws Exception {
        String mine = "nginx-test-" + UUID.randomUUID();
        // the services echo the X-Request-Id they received
        assertEquals(mine, get("/api/leads", "alice", mine).headers().firstValue("X-Request-Id").orElseThrow());
        // nginx's $request_id is 32 hex digits; a service that got none would make a UUID with dashes
        String generated = get("/api/accounts", "alice", null).headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(generated.matches("[0-9a-f]{32}"), generated);
        // nginx writes the access log line after the answer has gone out: give it a moment
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertTrue(nginx.accessLog().contains("req=" + generated), "the access log names the request id"));
    }

    @Test
    void theAccessLogTimesTheWholeCallAndTheServicesPartOfIt() throws Exception {
        String proxied = "nginx-times-" + UUID.randomUUID();
        String answeredByNginx = "nginx-times-" + UUID.randomUUID();
        assertEquals(200, get("/api/leads", "alice", proxied).statusCode());
        assertEquals(404, get("/api/nothing-here", "alice", answeredByNginx).statusCode());
        // nginx writes the access log line after the answer has gone out: give it a moment
        await().atMost(Duration.ofSeconds(5)).until(() ->
                NginxAccessLog.byRequestId(nginx.accessLog()).keySet().containsAll(List.of(proxied, answeredByNginx)));

        Map<String, NginxAccessLog.Times> times = NginxAccessLog.byRequestId(nginx.accessLog());
        NginxAccessLog.Times call = times.get(proxied);
        assertEquals(200, call.status());
        // nginx takes $request_time from gettimeofday() and $upstream_response_time from the coarse monotonic
        // clock, which ticks every jiffy (4 ms here): the service's part may read a tick over the whole (CI saw 13
        // of 12). Past 10 ms over, something other than the clocks would be wrong.
        assertTrue(call.response() >= 0 && call.response() <= call.request() + 10, "lead-service's part of the call: " + call);
        NginxAccessLog.Times own = times.get(answeredByNginx);
        assertEquals(404, own.status());
        assertTrue(Double.isNaN(own.response()), "no service asked: " + own);
    }

    @Test
    void aLeadIsCreatedAndQualifiedThroughNginx() throws Exception {
        String company = "Nginx Gateway " + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(request("/api/leads?suppressDuplicateDetection=true", "alice", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"topic":"Deal with %s","firstName":"Kim","lastName":"Park","companyName":"%s",
                         "email":"kim-%s@example.com","budgetAmount":50000,"currency":"EUR"}"""
                        .formatted(company, company, UUID.randomUUID()))));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        assertTrue(URI.create(location).getPath().startsWith("/api/leads/"), location);

        // Prefer: wait=30 holds the request while the saga runs: within nginx's read timeout
        HttpResponse<String> qualified = send(request(URI.create(location).getPath() + "/qualify", "alice", null)
                .header("Content-Type", "application/json")
                .header("Prefer", "wait=30")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, qualified.statusCode(), qualified.body());
        assertTrue(qualified.body().contains("\"status\":\"COMPLETED\""), qualified.body());
    }

    @Test
    void servesTheWebConsoleAtTheRootAndNoDevTokens() throws Exception {
        HttpResponse<String> index = get("/", null, null);
        assertEquals(200, index.statusCode(), index.body());
        assertTrue(index.body().contains("<div id=\"app\">"), index.body());
        assertEquals(404, get("/dev-tokens.json", null, null).statusCode(), "dev tokens are the local stack's only");
    }

    @Test
    void anUnknownRouteIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here", "alice", null);
        assertEquals(404, response.statusCode());
        assertProblem(response, 404);
        assertTrue(response.body().contains("no route for /api/nothing-here"), response.body());
    }

    @Test
    void aBodyOverOneMegabyteIsRefusedAtTheGateway() throws Exception {
        HttpResponse<String> response = send(request("/api/leads", "alice", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])));
        assertEquals(413, response.statusCode());
        assertProblem(response, 413);
        assertTrue(response.body().contains("at the gateway"), "nginx answered, not the service: " + response.body());
    }

    @Test
    void theAttachmentRouteAloneTakesAFileOf25MegabytesAndRefusesALargerBodyAtTheGateway() throws Exception {
        HttpResponse<String> created = send(request("/api/leads?suppressDuplicateDetection=true", "alice", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"Attachments through nginx\",\"lastName\":\"Park\",\"companyName\":\"Nginx Files\"}")));
        assertEquals(201, created.statusCode(), created.body());
        String attachments = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath() + "/attachments";

        byte[] file = new byte[25 * 1024 * 1024];
        new java.util.Random(42).nextBytes(file);
        HttpResponse<String> stored = send(upload(attachments, file));
        assertEquals(201, stored.statusCode(), stored.body());
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file));
        assertTrue(stored.body().contains(sha), stored.body());
        String id = URI.create(stored.headers().firstValue("Location").orElseThrow()).getPath();
        HttpResponse<byte[]> back = http.send(request(id, "alice", null).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, back.statusCode());
        assertTrue(java.util.Arrays.equals(file, back.body()), "the download through nginx is the upload");

        HttpResponse<String> tooLarge = send(upload(attachments, new byte[27 * 1024 * 1024]));
        assertEquals(413, tooLarge.statusCode());
        assertProblem(tooLarge, 413);
        assertTrue(tooLarge.body().contains("26 MB at the gateway"), "nginx answered: " + tooLarge.body());
    }

    private static HttpRequest.Builder upload(String path, byte[] file) {
        String head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        return request(path, "alice", null).header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofByteArray(file), HttpRequest.BodyPublishers.ofString("\r\n--b--\r\n")));
    }

    @Test
    void aClientOverTheRateLimitGets429Problems() throws Exception {
        // its own nginx, so the limit's counters start empty and the other tests are not throttled
        try (NginxGateway limited = NginxGateway.start(CONF, RunningStack.freePort(), servicePorts())) {
            int passed = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < 2_000 && refused == null; i++) {
                HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(limited.url() + "/api/leads")));
                if (response.statusCode() == 429) {
                    refused = response;
                } else {
                    assertEquals(401, response.statusCode());
                    passed++;
                }
            }
            assertTrue(refused != null, "no 429 after " + passed + " requests from one client");
            assertTrue(passed >= 100, "the burst of 100 passes before the limit bites; passed " + passed);
            assertProblem(refused, 429);
            assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        }
    }

    @Test
    void theServiceSeesTheCallersHeadersAndWhereTheCallCameFrom() throws Exception {
        // a recording server in lead-service's place shows exactly what nginx forwards
        AtomicReference<Headers> seen = new AtomicReference<>();
        HttpServer recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        recorder.createContext("/", exchange -> {
            seen.set(exchange.getRequestHeaders());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        recorder.start();
        Map<String, Integer> upstreams = servicePorts();
        upstreams.put(ServiceDefinition.LEAD.name(), recorder.getAddress().getPort());
        try (NginxGateway recorded = NginxGateway.start(CONF, RunningStack.freePort(), upstreams)) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(recorded.url() + "/api/leads"))
                    .header("Authorization", "Bearer some.jwt.token")
                    .header("X-Request-Id", "abc-123"));
            assertEquals(204, response.statusCode());
            Headers headers = seen.get();
            String hostAndPort = URI.create(recorded.url()).getAuthority();
            assertEquals("Bearer some.jwt.token", headers.getFirst("Authorization"));
            assertEquals("abc-123", headers.getFirst("X-Request-Id"));
            assertEquals("127.0.0.1", headers.getFirst("X-Forwarded-For"));
            assertEquals("http", headers.getFirst("X-Forwarded-Proto"));
            assertEquals(hostAndPort, headers.getFirst("X-Forwarded-Host"));
            assertEquals(hostAndPort, headers.getFirst("Host"));
        } finally {
            recorder.stop(0);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent(), "gateway answers carry a request id too");
    }

    private static String pathOf(Route route) {
        return READABLE.getOrDefault(route.pathPrefix(), route.pathPrefix());
    }

    private static HttpResponse<String> get(String path, String user, String requestId) throws Exception {
        return send(request(path, user, requestId).GET());
    }

    private static HttpRequest.Builder request(String path, String user, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nginx.url() + path)).timeout(Duration.ofSeconds(40));
        if (user != null) {
            request.header("Authorization", "Bearer " + stack.tokenOf(user));
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(service -> ports.put(service.name(), stack.config().portOf(service)));
        return ports;
    }

}
