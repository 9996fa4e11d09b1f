package com.acme.crm.common.messaging;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A waiter of this replica is woken by the commit that makes its id ready (issue 9, eighth step), not by the
 * database's notification coming back: here no one listens on the channel and the look-up never finds the id ready, so
 * only the wake-up after the commit can end the wait before the 60 s re-check.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SignalledWaitsTest {

    @Inject
    DatabaseSignals signals;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Test
    void aWaiterIsWokenRightAfterTheCommitThatAnnouncesItsId() throws Throwable {
        SignalledWaits waits = new SignalledWaits(signals, pool, "signalled_waits_test",
                "select id from (select cast(null as uuid) as id) never where id = any($1)", Duration.ofSeconds(60));
        UUID id = UUID.randomUUID();
        Context request = vertx.getOrCreateContext();
        CompletableFuture<Void> registered = new CompletableFuture<>();
        CompletableFuture<Void> woken = new CompletableFuture<>();
        request.runOnContext(ignored -> {
            waits.signalOrPause(id, Instant.now().plusSeconds(60), request)
                    .subscribe().with(woken::complete, woken::completeExceptionally);
            registered.complete(null);
        });
        registered.get(10, TimeUnit.SECONDS);
        Thread.sleep(200); // the look-up at registration has answered (nothing ready)
        assertFalse(woken.isDone(), "nothing is ready yet");

        long announced = System.nanoTime();
        VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() -> waits.announce(id)));
        woken.get(10, TimeUnit.SECONDS); // by the commit: the re-check would take 60 s
        double seconds = (System.nanoTime() - announced) / 1e9;
        assertTrue(seconds < 10, "woken " + seconds + " s after the commit");
    }
}
