package com.acme.crm.common.outbox;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The NOTIFY a commit sends is for the other replicas ({@link RelaySignal}): this one hears it too, and used to run a
 * second relay round per lane for it (BEGIN, lock and select, then COMMIT) that found nothing, since the commit had
 * woken the relay in process already. Another writer's signal still wakes it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OwnSignalTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Test
    void aReplicaIsNotWokenAgainByItsOwnSignal() throws Throwable {
        // the listener is up (from the relay's first poll on) and counts another writer's signal
        long before = relay.wokenBySignal();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Db.execute("notify outbox, '" + otherReplicasSignal(RelayLane.INTERACTIVE) + "'");
            return relay.wokenBySignal() > before;
        });

        Thread.sleep(1000); // the last of those signals has come through too
        long heard = relay.wokenBySignal();
        String topic = "crm.test.own-signal-" + UUID.randomUUID().toString().substring(0, 8) + ".interactive";
        for (int i = 0; i < 3; i++) {
            String key = "own-" + i;
            int n = i;
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    outbox.publish(topic, key, "crm.test.happened.v1", Map.of("n", n))));
            KafkaProbe.await(topic, key, 1, record -> true);
        }
        // a NOTIFY reaches the listener after those its commits sent (PostgreSQL delivers them in commit order)
        Db.execute("notify outbox, '" + otherReplicasSignal(RelayLane.OTHER) + "'");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.wokenBySignal() > heard);
        assertEquals(heard + 1, relay.wokenBySignal(), "only the other writer's signal woke a relay");
    }

    private static String otherReplicasSignal(RelayLane lane) {
        return RelaySignal.of(lane, RelaySignal.newReplicaName()).payload();
    }
}
