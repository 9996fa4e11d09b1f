package com.acme.crm.common.inbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandlingLimitsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static HandlingLimits limits(String timeLimit, String lockTimeout, String statementTimeout, String stuckAfter) {
        return limits(timeLimit, lockTimeout, statementTimeout, "45s", stuckAfter);
    }

    private static HandlingLimits limits(String timeLimit, String lockTimeout, String statementTimeout,
                                         String transactionTimeout, String stuckAfter) {
        return new HandlingLimits(HandlingLimits.postgresTime(timeLimit), HandlingLimits.postgresTime(lockTimeout),
                HandlingLimits.postgresTime(statementTimeout), HandlingLimits.postgresTime(transactionTimeout),
                HandlingLimits.postgresTime(stuckAfter));
    }

    /** The default of a setting in service-common's shipped configuration ({@code name=${ENV:default}}). */
    private static String shipped(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = HandlingLimitsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        }
        return properties.getProperty(name).replaceFirst("^\\$\\{[A-Z_]+:(.*)}$", "$1");
    }

    @Test
    void theShippedDefaultsAreInOrder_aHangEndsAsAFailureBeforeLivenessFails() throws IOException {
        String pool = "quarkus.datasource.reactive.additional-properties.";
        HandlingLimits shipped = limits(shipped("crm.consumer.time-limit"), shipped(pool + "lock_timeout"),
                shipped(pool + "statement_timeout"), shipped(pool + "transaction_timeout"),
                shipped("crm.consumer.watchdog.stuck-after").replace("m", "min"));
        // the longest an attempt goes without progress when its work hangs: the time limit, plus a statement in flight
        Duration longestQuiet = shipped.timeLimit().plus(shipped.statementTimeout());
        assertEquals(Duration.ofSeconds(90), longestQuiet);
        assertTrue(longestQuiet.compareTo(Duration.ofMinutes(2)) < 0);
        assertTrue(HandlingLimits.postgresTime(shipped(pool + "idle_in_transaction_session_timeout"))
                .compareTo(shipped.timeLimit()) > 0, "a consumer's hang is ended by its time limit, not by the server");
    }

    @Test
    void aLockWaitMustEndInTheDatabaseBeforeTheTimeLimit() {
        assertThrows(IllegalArgumentException.class, () -> limits("60s", "0", "30s", "2min"), "no lock_timeout");
        assertThrows(IllegalArgumentException.class, () -> limits("60s", "", "30s", "2min"), "lock_timeout not set");
        assertThrows(IllegalArgumentException.class, () -> limits("60s", "60s", "0", "2min"), "lock_timeout as long");
        assertThrows(IllegalArgumentException.class, () -> limits("60s", "10s", "10s", "2min"), "statement_timeout first");
        limits("60s", "10s", "0", "2min"); // no statement timeout: the watchdog is the last resort for a runaway statement
    }

    @Test
    void aHangMustEndBeforeTheWatchdogCallsTheBatchStuck() {
        assertThrows(IllegalArgumentException.class, () -> limits("90s", "10s", "30s", "60s", "2min"));
        assertThrows(IllegalArgumentException.class, () -> limits("2min", "10s", "0", "2min"));
        limits("5min", "10s", "30s", "45s", "0"); // liveness off: nothing to be before
    }

    @Test
    void theServerEndsATransactionBeforeTheTimeLimitCanStrikeInsideIt() {
        assertThrows(IllegalArgumentException.class, () -> limits("60s", "10s", "30s", "0", "2min"), "none");
        assertThrows(IllegalArgumentException.class, () -> limits("60s", "10s", "30s", "60s", "2min"), "as long");
        assertThrows(IllegalArgumentException.class, () -> limits("60s", "10s", "30s", "30s", "2min"),
                "not above statement_timeout: a runaway statement would end the session, not as a time-out");
        limits("60s", "10s", "30s", "59s", "2min");
        limits("60s", "10s", "0", "45s", "2min");
    }

    @Test
    void aTimeLimitOfZeroSwitchesItOff() {
        limits("0", "10s", "30s", "0", "1500ms"); // no transaction_timeout needed either (PostgreSQL 15 and 16)
        assertThrows(IllegalArgumentException.class, () -> limits("0", "0", "30s", "2min"), "lock_timeout is still needed");
        assertThrows(IllegalArgumentException.class, () -> new HandlingLimits(MINUTE.negated(), Duration.ofSeconds(10),
                Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void postgresTimeSettingsAreReadInTheirUnits() {
        assertEquals(Duration.ofMillis(250), HandlingLimits.postgresTime("250"));
        assertEquals(Duration.ofMillis(200), HandlingLimits.postgresTime("200ms"));
        assertEquals(Duration.ofSeconds(10), HandlingLimits.postgresTime("10s"));
        assertEquals(Duration.ofMinutes(2), HandlingLimits.postgresTime(" 2min "));
        assertEquals(Duration.ofHours(1), HandlingLimits.postgresTime("1h"));
        assertEquals(Duration.ofDays(1), HandlingLimits.postgresTime("1d"));
        assertEquals(Duration.ofNanos(5_000), HandlingLimits.postgresTime("5us"));
        assertEquals(Duration.ZERO, HandlingLimits.postgresTime(null));
        assertThrows(IllegalArgumentException.class, () -> HandlingLimits.postgresTime("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> HandlingLimits.postgresTime("2m"), "PostgreSQL's minute is min");
    }
}
