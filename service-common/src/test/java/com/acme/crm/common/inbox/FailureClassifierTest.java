package com.acme.crm.common.inbox;

import com.acme.crm.common.inbox.FailureClassifier.Kind;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.common.messaging.PermanentFailure;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureClassifierTest {

    private static PgException postgres(String sqlState, String message) {
        return new PgException(message, "ERROR", sqlState, "Key (name)=(x) already exists.");
    }

    @Test
    void databaseAndBrokerOutagesAreTransient() {
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(new ConnectException("Connection refused")));
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(new VertxException("Connection is closed")));
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(new TimeoutException("pool wait")));
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(new NotLeaderOrFollowerException("moving")));
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(new CompletionException(new ConnectException("refused"))));
    }

    @Test
    void postgresStatesOfOutagesAndLostRacesAreTransient() {
        for (String state : new String[] {"08006", "08001", "40001", "40P01", "53300", "57P01", "57P03", "58030", "55P03"}) {
            assertEquals(Kind.TRANSIENT, FailureClassifier.classify(postgres(state, "failed")), state);
        }
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(new HibernateException("HR000", postgres("40001", "serialization"))));
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(new OptimisticLockException("version changed")));
    }

    @Test
    void badDataConstraintsAndBugsAreDeterministic() {
        for (String state : new String[] {"22001", "22P02", "23505", "23503", "23502", "42703", "42P01"}) {
            assertEquals(Kind.DETERMINISTIC, FailureClassifier.classify(postgres(state, "failed")), state);
        }
        assertEquals(Kind.DETERMINISTIC, FailureClassifier.classify(new PermanentFailure("account name too long")));
        assertEquals(Kind.DETERMINISTIC, FailureClassifier.classify(new UnreadableMessageException("cannot read", null)));
        // the handler's own verdict wins over a transient-looking cause
        assertEquals(Kind.DETERMINISTIC, FailureClassifier.classify(new PermanentFailure("no", new ConnectException())));
    }

    @Test
    void aTimeLimitOrAStatementTimeoutIsATimeOut_aLockTimeoutOrAnOperatorsCancelIsTransient() {
        HandlingTimedOut timedOut = new HandlingTimedOut(Duration.ofSeconds(60));
        assertEquals(Kind.TIMED_OUT, FailureClassifier.classify(timedOut));
        // the rollback after it failed too (a connection the database closed): still the time-out
        assertEquals(Kind.TIMED_OUT, FailureClassifier.classify(new CompositeException(timedOut,
                new VertxException("Connection is closed"))));
        assertEquals("did not end within the time limit of 60000 ms (crm.consumer.time-limit)",
                FailureClassifier.reason(new CompositeException(timedOut, postgres("08006", "gone"))));
        assertEquals(Kind.TIMED_OUT, FailureClassifier.classify(postgres("57014", "canceling statement due to statement timeout")));
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(postgres("55P03", "canceling statement due to lock timeout")));
        assertEquals(Kind.TRANSIENT, FailureClassifier.classify(postgres("57014", "canceling statement due to user request")));
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals(Kind.UNKNOWN, FailureClassifier.classify(new IllegalStateException("bug?")));
        assertEquals(Kind.UNKNOWN, FailureClassifier.classify(new NullPointerException()));
        assertEquals(Kind.UNKNOWN, FailureClassifier.classify(postgres("P0001", "raised by a trigger")));
    }

    @Test
    void theReasonSaysWhatWentWrongInAtMost500Characters() {
        assertEquals("account name too long: 201 > 200", FailureClassifier.reason(
                new CompletionException(new PermanentFailure("account name too long: 201 > 200"))));
        String reason = FailureClassifier.reason(new HibernateException("wrapped", postgres("23505",
                "duplicate key value violates unique constraint \"account_name\"")));
        assertTrue(reason.contains("duplicate key value violates unique constraint \"account_name\""), reason);
        assertTrue(reason.contains("Key (name)=(x) already exists."), reason);
        assertTrue(reason.contains("23505"), reason);
        assertEquals(500, FailureClassifier.reason(new PermanentFailure("x".repeat(2_000))).length());
    }
}
