package com.acme.crm.common.inbox;

import com.acme.crm.common.support.TestCommand;
import com.acme.crm.common.support.TestCommandConsumer;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BatchWatchdog and StuckBatchCheck on the real connector, broker and database, with limits of a second: a batch whose
 * work does not end (a Uni that does not resolve until the test lets it) is logged at WARN with its channel, offsets,
 * size and age, counted, and turns liveness DOWN naming its channel; once it ends, liveness is UP again and the
 * batch's message has taken effect once.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(StuckBatchTest.SmallLimits.class)
class StuckBatchTest {

    private static final String CHANNEL = "test-commands";

    /** The watchdog alone, with the time limit off: as for a batch the limit cannot end (HangingMessageTest has it on). */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.consumer.watchdog.warn-after", "500ms", "crm.consumer.watchdog.stuck-after", "1500ms",
                    "crm.consumer.time-limit", "0");
        }
    }

    private final Logger watchdogLog = Logger.getLogger(BatchWatchdog.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheWatchdogsLog() {
        capture.setLevel(Level.ALL);
        watchdogLog.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        watchdogLog.removeHandler(capture);
    }

    private static String text(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    private List<String> logged(Level level) {
        return logged.stream().filter(record -> record.getLevel().intValue() == level.intValue())
                .map(StuckBatchTest::text).toList();
    }

    private static JsonPath liveness(int status) {
        return given().get("/q/health/live").then().statusCode(status).extract().jsonPath();
    }

    private static String batchesCheck(JsonPath health, String path) {
        return health.getString("checks.find { it.name == 'consumer-batches' }." + path);
    }

    /** The value of a metric line that starts with {@code series} ({@code name{labels}} as Prometheus shows it). */
    private static double metric(String series) {
        String scraped = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return scraped.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length()).trim()))
                .orElseThrow(() -> new AssertionError(series + " not at /q/metrics"));
    }

    private static List<String> outcomes(TestCommand command) {
        return Db.strings("select outcome from test_effect where command_id = '" + command.id() + "' order by id");
    }

    @Test
    void aBatchWaitingOutATransientFault_isWarnedAboutButNeverStuck() throws InterruptedException {
        // ten failed attempts, 100 ms to 400 ms apart (the test's backoff): the batch runs for seconds, longer than
        // stuck-after, but each attempt is progress
        assertEquals("UP", batchesCheck(liveness(200), "status"), "nothing stuck before the test");
        List<String> seen = new CopyOnWriteArrayList<>();
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        probe.scheduleWithFixedDelay(() -> seen.add(batchesCheck(given().get("/q/health/live").then().extract().jsonPath(),
                "status")), 0, 100, TimeUnit.MILLISECONDS);
        TestCommand command = new TestCommand(UUID.randomUUID().toString(), 10);
        try {
            KafkaProbe.send(TestCommand.TOPIC, command.id(), TestCommand.FLAKY.name(), UUID.randomUUID().toString(),
                    "{\"id\":\"" + command.id() + "\",\"failTimes\":10}");
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(command).size() == 1);
        } finally {
            probe.shutdown();
            probe.awaitTermination(5, TimeUnit.SECONDS);
        }

        assertEquals(List.of("done"), outcomes(command));
        assertEquals(11, TestCommandConsumer.attempts(command.id()));
        String ended = logged(Level.INFO).stream().filter(line -> line.startsWith("consumer batch on channel " + CHANNEL
                + " ended after ")).findFirst().orElseThrow(() -> new AssertionError("no end logged: " + logged));
        double seconds = Double.parseDouble(ended.replaceFirst(".* ended after (\\d+\\.\\d) s .*", "$1"));
        assertTrue(seconds >= 1.5, "the batch outlasted stuck-after: " + ended);
        assertTrue(seen.size() > 10 && seen.stream().allMatch("UP"::equals), "liveness while it retried: " + seen);
        assertTrue(logged(Level.WARNING).stream().anyMatch(line -> line.startsWith("consumer batch on channel " + CHANNEL
                + " has not ended")), "it was warned about: " + logged);
        assertTrue(logged(Level.SEVERE).isEmpty(), "never reported stuck: " + logged(Level.SEVERE));
    }

    @Test
    void aBatchThatDoesNotEnd_isWarnedAbout_countedAndFailsLiveness_untilItEnds() {
        assertEquals("UP", batchesCheck(liveness(200), "status"), "nothing stuck before the test");
        TestCommand command = new TestCommand(UUID.randomUUID().toString(), 0);
        TestCommandConsumer.hold(command.id());
        try {
            KafkaProbe.send(TestCommand.TOPIC, command.id(), TestCommand.HANG.name(), UUID.randomUUID().toString(),
                    "{\"id\":\"" + command.id() + "\",\"failTimes\":0}");

            JsonPath down = await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/live").then()
                    .extract().jsonPath(), health -> "DOWN".equals(batchesCheck(health, "status")));
            String stuck = batchesCheck(down, "data.'" + CHANNEL + "'");
            assertTrue(stuck.matches("crm\\.test\\.commands-\\d+ offsets \\d+, 1 message\\(s\\), running \\d+\\.\\d s,"
                    + " last progress \\d+\\.\\d s ago"), stuck);
            liveness(503);

            String warning = logged(Level.WARNING).stream().findFirst().orElseThrow(() -> new AssertionError("no WARN"));
            assertTrue(warning.startsWith("consumer batch on channel " + CHANNEL + " has not ended: crm.test.commands-"), warning);
            assertTrue(warning.contains("1 message(s), running "), warning);
            // the timer's ERROR comes within a check of the health check's verdict
            await().atMost(Duration.ofSeconds(5)).until(() -> logged(Level.SEVERE).stream().anyMatch(line -> line.startsWith(
                    "consumer batch on channel " + CHANNEL + " is stuck: crm.test.commands-")));

            assertTrue(metric("crm_consumer_batch_overdue_total{channel=\"" + CHANNEL + "\"}") >= 1);
            assertEquals(1.0, metric("crm_consumer_batch_stuck"));
            assertTrue(metric("crm_consumer_batch_running_seconds_max{channel=\"" + CHANNEL + "\"}") >= 1.5,
                    "the long task timer shows the held batch's age");
            assertEquals(List.of(), outcomes(command), "nothing of the held batch is committed");
        } finally {
            TestCommandConsumer.release(command.id());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(command).size() == 1);
        assertEquals(List.of("done after release"), outcomes(command));
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(batchesCheck(
                given().get("/q/health/live").then().extract().jsonPath(), "status")));
        liveness(200);
        assertEquals(0.0, metric("crm_consumer_batch_stuck"));
        assertTrue(logged(Level.INFO).stream().anyMatch(line -> line.startsWith("consumer batch on channel " + CHANNEL
                + " ended after ")), logged.toString());
    }
}
