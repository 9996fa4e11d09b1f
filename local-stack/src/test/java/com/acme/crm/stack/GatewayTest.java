package com.acme.crm.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private Gateway gateway;

    @BeforeEach
    void startUpstreamsAndGateway() throws Exception {
        vertx = Vertx.vertx();
        int leads = echoServer("lead-service").actualPort();
        int accounts = echoServer("account-service").actualPort();
        gateway = new Gateway(FreePorts.next(),
                List.of(new Route("/api/leads", "lead-service"), new Route("/api/settings", "lead-service"),
                        new Route("/api/accounts", "account-service")),
                Map.of("lead-service", new Gateway.Upstream("localhost", leads),
                        "account-service", new Gateway.Upstream("localhost", accounts))).start();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void routesByPathPrefixAndPassesPathAndQueryThrough() throws Exception {
        assertEquals("lead-service", get("/api/leads/42?status=NEW", Map.of()).getString("service"));
        assertEquals("/api/leads/42?status=NEW", get("/api/leads/42?status=NEW", Map.of()).getString("uri"));
        assertEquals("lead-service", get("/api/settings", Map.of()).getString("service"));
        assertEquals("account-service", get("/api/accounts", Map.of()).getString("service"));
    }

    @Test
    void passesAuthorizationAndRequestIdAndAddsForwardedHeaders() throws Exception {
        JsonObject echoed = get("/api/leads", Map.of("Authorization", "Bearer abc", "X-Request-Id", "req-1"));
        JsonObject headers = echoed.getJsonObject("headers");
        assertEquals("Bearer abc", headers.getString("authorization"));
        assertEquals("req-1", headers.getString("x-request-id"));
        assertEquals("127.0.0.1", headers.getString("x-forwarded-for"));
        assertEquals("http", headers.getString("x-forwarded-proto"));
        assertEquals("localhost:" + gateway.port(), headers.getString("x-forwarded-host"));
        assertEquals("localhost:" + gateway.port(), headers.getString("host"), "the service builds links to the gateway");
    }

    @Test
    void answersUnknownPathsWithAProblem() throws Exception {
        HttpResponse<String> response = send("/x", Map.of());
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(new JsonObject().put("type", "about:blank").put("title", "Not Found").put("status", 404)
                .put("detail", "no route for /x"), new JsonObject(response.body()));
    }

    @Test
    void forwardsRequestBodiesAndStatusCodes() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/api/leads"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode());
        JsonObject echoed = new JsonObject(response.body());
        assertEquals("POST", echoed.getString("method"));
        assertEquals("{\"name\":\"Ada\"}", echoed.getString("body"));
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith("/api/leads/1"));
    }

    /** A fake service that answers with what it received, so the test sees exactly what the gateway forwarded. */
    private HttpServer echoServer(String name) throws Exception {
        return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            JsonObject echo = new JsonObject().put("service", name).put("uri", request.uri())
                    .put("method", request.method().name()).put("headers", headers).put("body", body.toString());
            var response = request.response().putHeader("Content-Type", "application/json");
            if (request.method().name().equals("POST")) {
                response.setStatusCode(201).putHeader("Location", "/api/leads/1");
            }
            response.end(echo.encode());
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private JsonObject get(String path, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = send(path, headers);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private HttpResponse<String> send(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
