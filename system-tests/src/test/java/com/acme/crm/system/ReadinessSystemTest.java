package com.acme.crm.system;

import com.acme.crm.stack.DevTokens;
import com.acme.crm.stack.KafkaServer;
import com.acme.crm.stack.PostgresServer;
import com.acme.crm.stack.ServiceDefinition;
import com.acme.crm.stack.ServiceEnvironment;
import com.acme.crm.stack.ServiceProcess;
import com.acme.crm.stack.StackConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /q/health/ready follows the real infrastructure (SPEC §9): a service process (account-service,
 * the built jar) goes not-ready while its Kafka broker process or its PostgreSQL is down, and ready
 * again once each is back, without a restart; and with QUARKUS_LOG_CONSOLE_JSON=true it logs JSON
 * lines carrying the request id. Runs its own broker and database, not the shared stack.
 */
class ReadinessSystemTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessIsDownWhileKafkaOrPostgresIsUnreachable() throws Exception {
        Path dir = Files.createTempDirectory("crm-readiness-test");
        KafkaServer.Settings kafkaSettings = new KafkaServer.Settings(dir.resolve("kafka"), RunningStack.freePort(), RunningStack.freePort());
        PostgresServer.Settings postgresSettings = new PostgresServer.Settings(dir.resolve("postgres"),
                dir.resolve("postgres.log"), RunningStack.freePort(), StackConfig.DB_USER, StackConfig.DB_PASSWORD,
                List.of(ServiceDefinition.ACCOUNT.database()));
        DevTokens tokens = new DevTokens(dir.resolve("jwt"), dir.resolve("tokens.env"));
        tokens.issue();
        int httpPort = RunningStack.freePort();
        ServiceEnvironment environment = new ServiceEnvironment(httpPort, "localhost", postgresSettings.port(),
                ServiceDefinition.ACCOUNT.database(), StackConfig.DB_USER, StackConfig.DB_PASSWORD,
                "localhost:" + kafkaSettings.port(), tokens.publicKeyFile().toString(), DevTokens.ISSUER);
        Map<String, String> variables = environment.toMap();
        variables.put("QUARKUS_LOG_CONSOLE_JSON", "true");
        Path log = dir.resolve("account-service.log");
        Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in system-tests/

        KafkaServer kafka = new KafkaServer(kafkaSettings).start();
        PostgresServer postgres = new PostgresServer(postgresSettings).start();
        try (ServiceProcess service = new ServiceProcess(new ServiceProcess.Spec("account-service",
                ServiceDefinition.ACCOUNT.runnableJar(root), httpPort, variables, log)).start()) { // returns once ready
            URI readiness = URI.create(service.baseUrl() + "/q/health/ready");

            kafka.process().destroyForcibly().waitFor();
            awaitStatus(readiness, 503);
            kafka = new KafkaServer(kafkaSettings).start(); // same data and port
            awaitStatus(readiness, 200);

            postgres.close();
            awaitStatus(readiness, 503);
            postgres = new PostgresServer(postgresSettings).start();
            awaitStatus(readiness, 200);

            // the switch for log collectors: one JSON object a line, the request id in its mdc
            // (the health check logs its down status while answering a probe)
            List<String> lines = Files.readAllLines(log);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("{") && line.contains("\"requestId\"")),
                    "a JSON log line with the request id in " + log);
        } finally {
            kafka.close();
            postgres.close();
        }
    }

    /** Bounded for a loaded machine: after a broker's restart the service took 9 s to be ready again in a CI run. */
    private static void awaitStatus(URI uri, int status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> statusOf(uri), equalTo(status));
    }

    private static int statusOf(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

}
