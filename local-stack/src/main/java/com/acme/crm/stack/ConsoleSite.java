package com.acme.crm.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * What the local gateway serves besides the API: the web console's built files at {@code /} (vertx-web's static
 * handler), and for the console's sign-in picker the dev users' tokens at {@code /dev-tokens.json}. Only the local
 * stack serves the tokens: compose and Kubernetes serve the same files without them, so there the console asks for a
 * pasted token.
 */
public record ConsoleSite(Path distDir, List<DevTokens.IssuedToken> devTokens) {

    public static final String DEV_TOKENS_PATH = "/dev-tokens.json";
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /** Where {@code npm run build} (and so {@code ./mvnw package}) puts the console. */
    public static Path distDirOf(Path repositoryRoot) {
        return repositoryRoot.resolve("web-console/target/dist");
    }

    public boolean isBuilt() {
        return Files.isRegularFile(distDir.resolve("index.html"));
    }

    /** Serves the files and the tokens; whatever it does not have goes to {@code notFound}. */
    Handler<HttpServerRequest> handler(Vertx vertx, Handler<HttpServerRequest> notFound) {
        Router router = Router.router(vertx);
        router.get(DEV_TOKENS_PATH).handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(devTokensJson().encode()));
        // the file names of the scripts change with every build, so index.html must be asked for again each time; the
        // browser loads and calls nothing but this origin (no CDN, no other network), as the same policy says in nginx
        router.get().handler(context -> {
            context.response()
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff");
            context.next();
        });
        router.get().handler(StaticHandler.create(FileSystemAccess.ROOT, distDir.toAbsolutePath().toString())
                .setCachingEnabled(false)
                .setIndexPage("index.html"));
        router.route().handler(context -> notFound.handle(context.request()));
        return router;
    }

    private JsonArray devTokensJson() {
        JsonArray users = new JsonArray();
        devTokens.forEach(issued -> users.add(new JsonObject()
                .put("name", issued.user().name())
                .put("role", issued.user().role())
                .put("token", issued.token())));
        return users;
    }
}
