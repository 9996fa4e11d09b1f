package com.acme.crm.stack;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The API gateway of the local stack: one port in front of the three services, routing by path prefix with the
 * vertx-http-proxy reverse proxy (streaming, hop-by-hop headers handled by the library, not by us).
 */
public final class Gateway implements AutoCloseable {

    /** Where a service answers. */
    public record Upstream(String host, int port) {
    }

    private final int port;
    private final List<Route> routes;
    private final Map<String, Upstream> upstreams;
    private final ConsoleSite console;
    private Vertx vertx;
    private HttpServer server;

    public Gateway(int port, List<Route> routes, Map<String, Upstream> upstreams) {
        this(port, routes, upstreams, null);
    }

    /** A gateway that also serves the web console ({@code console} may be null: the API only). */
    public Gateway(int port, List<Route> routes, Map<String, Upstream> upstreams, ConsoleSite console) {
        this.port = port;
        this.console = console;
        this.routes = List.copyOf(routes);
        this.upstreams = Map.copyOf(upstreams);
        routes.forEach(route -> {
            if (!upstreams.containsKey(route.service())) {
                throw new IllegalArgumentException("no upstream for " + route);
            }
        });
    }

    public Gateway start() throws InterruptedException, ExecutionException, TimeoutException {
        vertx = Vertx.vertx();
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000)
                .setMaxPoolSize(50)));
        proxy.originSelector(this::origin);
        proxy.addInterceptor(new ForwardedHeaders());
        Handler<HttpServerRequest> site = console == null ? Gateway::notFound : console.handler(vertx, Gateway::notFound);
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    if (routeOf(request).isPresent()) {
                        proxy.handle(request);
                    } else if (request.path().startsWith("/api/")) {
                        notFound(request);
                    } else {
                        site.handle(request);
                    }
                })
                .listen(port, "0.0.0.0")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    private Optional<Route> routeOf(HttpServerRequest request) {
        return Route.find(routes, request.path());
    }

    private Future<SocketAddress> origin(HttpServerRequest request) {
        return routeOf(request)
                .map(route -> upstreams.get(route.service()))
                .map(upstream -> Future.succeededFuture(SocketAddress.inetSocketAddress(upstream.port(), upstream.host())))
                .orElseGet(() -> Future.failedFuture("no route for " + request.path()));
    }

    /** Same problem+json shape as the services' own errors, so a client handles one format. */
    private static void notFound(HttpServerRequest request) {
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", "Not Found")
                .put("status", 404)
                .put("detail", "no route for " + request.path());
        request.response()
                .setStatusCode(404)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
    }

    /** Tells the services who really called (they only see the gateway's connection). */
    private static final class ForwardedHeaders implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            String client = incoming.remoteAddress() == null ? "unknown" : incoming.remoteAddress().hostAddress();
            String forwardedFor = incoming.getHeader("X-Forwarded-For");
            // keep the client's Host (otherwise the service sees localhost:8081 and its Location headers point past the gateway)
            context.request().setAuthority(incoming.authority());
            var headers = context.request().headers();
            headers.set("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
            headers.set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
            // authority(), not the Host header: an HTTP/2 request carries it as :authority
            if (incoming.authority() != null) {
                headers.set("X-Forwarded-Host", incoming.authority().toString());
            }
            return context.sendRequest();
        }
    }

    @Override
    public void close() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
