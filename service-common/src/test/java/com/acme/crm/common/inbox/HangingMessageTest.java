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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time limit on the real connector, broker and database, with limits of a second: a message whose work hangs every
 * time is set aside alone after three time-outs while the messages around it on its partition are handled, and liveness
 * stays UP (no restart); a row lock held by another connection for longer than three time limits is waited out (each
 * attempt ends by lock_timeout, a transient fault) and the message is handled once, not set aside. The pool's connections
 * carry the database limits; Flyway's JDBC connection does not.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(HangingMessageTest.SmallLimits.class)
class HangingMessageTest {

    private static final Duration TIME_LIMIT = Duration.ofSeconds(1);

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.consumer.time-limit", "1s",
                    "quarkus.datasource.reactive.additional-properties.lock_timeout", "200ms",
                    "quarkus.datasource.reactive.additional-properties.statement_timeout", "500ms",
                    "quarkus.datasource.reactive.additional-properties.transaction_timeout", "800ms",
                    "crm.consumer.watchdog.warn-after", "500ms",
                    "crm.consumer.watchdog.stuck-after", "3s");
        }
    }

    @Inject
    Pool pool;

    private final List<String> liveness = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService probe;

    @BeforeEach
    void probeLiveness() {
        probe = Executors.newSingleThreadScheduledExecutor();
        probe.scheduleWithFixedDelay(this::lookAtLiveness, 0, 100, TimeUnit.MILLISECONDS);
        // its first answer before the test starts, however long a cold first call takes on a loaded machine
        await().atMost(Duration.ofSeconds(60)).until(() -> !liveness.isEmpty());
    }

    /** A failed look is recorded, and so fails the test with its cause: thrown, it would end the schedule unseen. */
    private void lookAtLiveness() {
        try {
            liveness.add(given().get("/q/health/live").then().extract().jsonPath()
                    .getString("checks.find { it.name == 'consumer-batches' }.status"));
        } catch (Exception | AssertionError e) { // rest-assured also throws checked ones (a refused connection) undeclared
            liveness.add("the probe failed: " + e);
        }
    }

    @AfterEach
    void stopProbing() throws InterruptedException {
        probe.shutdown();
        probe.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static List<String> outcomes(String commandId) {
        return Db.strings("select outcome from test_effect where command_id = '" + commandId + "' order by id");
    }

    private static long setAside(String messageId) {
        return Db.count("select count(*) from set_aside_message where message_id = '" + messageId + "'");
    }

    /** PostgreSQL counts a session that transaction_timeout ended as ended by a fatal error. */
    private static long sessionsEndedByAFatalError() {
        return Db.count("select sessions_fatal from pg_stat_database where datname = current_database()");
    }

    private static String json(String commandId) {
        return "{\"id\":\"" + commandId + "\",\"failTimes\":0}";
    }

    /** Looks from before the test's start to after its end, at least three, each UP. */
    private void assertLiveThroughout() {
        int seen = liveness.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> liveness.size() > Math.max(seen, 2));
        assertTrue(liveness.stream().allMatch("UP"::equals), "liveness while it ran: " + liveness);
    }

    @Test
    void aMessageThatHangsEveryTime_isSetAsideAlone_andThePartitionGoesOn() {
        String hang = UUID.randomUUID().toString();
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String last = UUID.randomUUID().toString();
        KafkaProbe.Event hanging = new KafkaProbe.Event(TestCommand.HANG.name(), json(hang));
        TestCommandConsumer.hold(hang); // never released while the test runs: every attempt hangs
        long endedByTheServer = sessionsEndedByAFatalError();
        try {
            // one key, one partition, one poll: the hanging message between others
            KafkaProbe.sendTogether(TestCommand.TOPIC, hang, List.of(
                    new KafkaProbe.Event(TestCommand.FLAKY.name(), json(before)), hanging,
                    new KafkaProbe.Event(TestCommand.FLAKY.name(), json(after)),
                    new KafkaProbe.Event(TestCommand.FLAKY.name(), json(last))));

            await().atMost(Duration.ofSeconds(60)).until(() -> setAside(hanging.ceId()) == 1
                    && outcomes(last).size() == 1);
        } finally {
            TestCommandConsumer.release(hang);
        }

        assertEquals(List.of("done"), outcomes(before));
        assertEquals(List.of("done"), outcomes(after));
        assertEquals(List.of("done"), outcomes(last));
        assertEquals(List.of(), outcomes(hang), "nothing of the hanging message's attempts is committed");
        // its batch's attempt and two on its own, each cut at the time limit
        assertEquals(3, TestCommandConsumer.attempts(hang));
        String error = Db.text("select error from set_aside_message where message_id = '" + hanging.ceId() + "'");
        assertTrue(error.contains("did not end within the time limit of " + TIME_LIMIT.toMillis() + " ms"), error);
        // each hanging transaction outlived transaction_timeout (800 ms), so PostgreSQL ended its session before the time
        // limit (1 s) struck: no statement of it can run after its rollback
        assertTrue(sessionsEndedByAFatalError() - endedByTheServer >= 3, "sessions ended by transaction_timeout: "
                + (sessionsEndedByAFatalError() - endedByTheServer));
        // and no connection is left inside a transaction
        assertEquals(0, Db.count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and state like 'idle in transaction%'"));
        assertLiveThroughout();
    }

    @Test
    void aRowLockHeldLongerThanTheTimeLimit_isWaitedOut_andTheMessageIsHandledOnce() throws Exception {
        String command = UUID.randomUUID().toString();
        Db.execute("insert into test_effect (message_id, command_id, outcome) values ('" + TestCommand.LOCKED_ROW + "', '"
                + command + "', 'row')");
        String messageId = UUID.randomUUID().toString();
        try (Connection other = Db.connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "select 1 from test_effect where command_id = ? and message_id = ? for update")) {
                lock.setString(1, command);
                lock.setString(2, TestCommand.LOCKED_ROW);
                lock.executeQuery().close();
            }
            KafkaProbe.send(TestCommand.TOPIC, command, TestCommand.TOUCH.name(), messageId, json(command));

            // held for four time limits, longer than the three time-outs that set a hanging message aside
            Thread.sleep(TIME_LIMIT.multipliedBy(4).toMillis());
            assertTrue(TestCommandConsumer.attempts(command) >= 3, "tried again while the lock was held: "
                    + TestCommandConsumer.attempts(command));
            assertEquals(List.of("row"), outcomes(command), "nothing done while the row is locked");
            other.commit();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(command).size() == 2);
        assertEquals(List.of("row", "done"), outcomes(command));
        assertEquals(0, setAside(messageId), "a lock wait is not a hang");
        assertLiveThroughout();
    }

    @Test
    void aRestCallWhoseRowStaysLocked_isAPassingFault_answered503WithRetryAfter() throws Exception {
        String command = UUID.randomUUID().toString();
        Db.execute("insert into test_effect (message_id, command_id, outcome) values ('" + UUID.randomUUID() + "', '"
                + command + "', 'row')");
        try (Connection other = Db.connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select 1 from test_effect where command_id = ? for update")) {
                lock.setString(1, command);
                lock.executeQuery().close();
            }
            // lock_timeout (200 ms here) ends the call's wait: not the caller's fault, nor a bug
            given().post("/test-effects/" + command + "/touch").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1").body("status", is(503));
            other.commit();
        }
        given().post("/test-effects/" + command + "/touch").then().statusCode(204);
    }

    @Test
    void thePoolsConnectionsCarryTheDatabaseLimits_flywaysJdbcConnectionDoesNot() {
        Row pooled = pool.query("select current_setting('lock_timeout'), current_setting('statement_timeout'),"
                + " current_setting('idle_in_transaction_session_timeout'), current_setting('transaction_timeout')")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertEquals(List.of("200ms", "500ms", "2min", "800ms"),
                List.of(pooled.getString(0), pooled.getString(1), pooled.getString(2), pooled.getString(3)));
        assertEquals(List.of("0|0|0"), Db.rows("select current_setting('lock_timeout'), current_setting('statement_timeout'),"
                + " current_setting('idle_in_transaction_session_timeout')"));
    }
}
