package com.acme.crm.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local gateway serves the console's files at / and the dev tokens for its sign-in picker, and the API's 404s stay problems. */
class ConsoleSiteTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;

    @BeforeEach
    void start(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>Sales console</title>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/app.js"), "console.log('hi')");
        List<DevTokens.IssuedToken> tokens = List.of(new DevTokens.IssuedToken(DevTokens.USERS.get(0), "token-of-alice"));
        gateway = new Gateway(FreePorts.next(), List.of(), Map.of(), new ConsoleSite(dist, tokens)).start();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void servesTheConsoleAtTheRoot() throws Exception {
        HttpResponse<String> index = get("/");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("Sales console"));
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(ConsoleSite.CONTENT_SECURITY_POLICY, index.headers().firstValue("Content-Security-Policy").orElseThrow());
        HttpResponse<String> script = get("/assets/app.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
    }

    @Test
    void servesTheDevUsersTokensForTheSignInPicker() throws Exception {
        HttpResponse<String> response = get(ConsoleSite.DEV_TOKENS_PATH);
        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(new JsonArray().add(new JsonObject().put("name", "alice").put("role", "salesperson").put("token", "token-of-alice")),
                new JsonArray(response.body()));
    }

    @Test
    void unknownFilesAndApiPathsAreProblems() throws Exception {
        for (String path : List.of("/nothing.html", "/api/nothing", "/../pom.xml")) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow(), path);
            assertFalse(response.body().contains("<"), path);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
