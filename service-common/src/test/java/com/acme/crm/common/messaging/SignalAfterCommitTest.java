package com.acme.crm.common.messaging;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signal is sent after the commit it announces, from outside the writer's transaction, and never for a rollback:
 * a listener on a connection of its own (as another replica's) reads the row the moment the notification arrives, and
 * the writer's transaction sleeps after asking for the signal, so a signal sent before the commit would be read while
 * the row is not visible yet.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SignalAfterCommitTest {

    private static final String CHANNEL = "signal_after_commit_test";

    @Inject
    DatabaseSignals signals;

    @BeforeAll
    static void table() {
        Db.execute("create table if not exists signal_probe (id uuid primary key)");
    }

    /** Writes {@code id} and asks for the signal, then sleeps before committing or, when {@code fail}, rolling back. */
    private Uni<Void> writeAndSignal(UUID id, boolean fail) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into signal_probe (id) values (cast(:id as uuid))")
                        .setParameter("id", id.toString()).executeUpdate()
                        .chain(() -> signals.signalAfterCommit(CHANNEL, "probe"))
                        .chain(() -> session.createNativeQuery("select cast(pg_sleep(0.3) as text)").getSingleResult()))
                .chain(() -> fail ? Uni.createFrom().failure(new IllegalStateException("rolled back")) : Uni.createFrom().voidItem()));
    }

    /** A connection of its own (as another replica's) that LISTENs to the channel. */
    private static Connection listener() throws SQLException {
        Connection listener = Db.connect();
        try (Statement sql = listener.createStatement()) {
            sql.execute("listen " + CHANNEL);
        }
        return listener;
    }

    private static CompletableFuture<List<String>> listening(Connection listener, UUID id, int millis) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return heard(listener, id, millis);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The notifications {@code listener} gets within {@code millis}, each with whether {@code id} was visible when it came. */
    private static List<String> heard(Connection listener, UUID id, int millis) throws Exception {
        List<String> heard = new ArrayList<>();
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(50);
            for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                long visible = Db.count("select count(*) from signal_probe where id = '" + id + "'");
                heard.add(notification.getName() + " " + notification.getParameter() + " visible=" + visible);
            }
        }
        return heard;
    }

    @Test
    void aCommitSignalsAnotherConnectionAfterItIsVisible() throws Throwable {
        try (Connection listener = listener()) {
            UUID id = UUID.randomUUID();
            // heard while the writer runs: a notification read only afterwards would see the row whatever its time
            CompletableFuture<List<String>> heard = listening(listener, id, 2_500);
            VertxContextSupport.subscribeAndAwait(() -> writeAndSignal(id, false));
            assertEquals(List.of(CHANNEL + " probe visible=1"), heard.get());
        }
    }

    @Test
    void aRolledBackTransactionSignalsNothing() throws Throwable {
        try (Connection listener = listener()) {
            UUID id = UUID.randomUUID();
            CompletableFuture<List<String>> heard = listening(listener, id, 2_000);
            assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(() -> writeAndSignal(id, true)));
            assertEquals(List.of(), heard.get());
            assertEquals(0, Db.count("select count(*) from signal_probe where id = '" + id + "'"));
        }
    }

    @Test
    void signalsAskedForWhileOneIsInFlightAreSentTogetherAfterIt() throws Exception {
        try (Connection listener = listener()) {
            int asked = 200;
            for (int i = 0; i < asked; i++) {
                signals.signalCommitted(CHANNEL, "burst");
            }
            List<String> heard = heard(listener, UUID.randomUUID(), 2_000);
            assertTrue(!heard.isEmpty() && heard.size() < asked / 2, asked + " signals asked for at once, heard " + heard.size());
        }
    }
}
