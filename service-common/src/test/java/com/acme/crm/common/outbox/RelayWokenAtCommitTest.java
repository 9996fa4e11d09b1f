package com.acme.crm.common.outbox;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A commit in this process wakes the relay of its rows' lane after it (directly, and by the NOTIFY it sends then): with
 * the safety poll an hour apart, nothing else could, and the rows still go out at once. Both ways a service writes: a
 * transaction of its own (a REST call's) and a unit with buffered writes (a consumer's batch).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(RelayWokenAtCommitTest.NoPoll.class)
class RelayWokenAtCommitTest {

    public static class NoPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.outbox.poll-interval", "1h");
        }
    }

    @Inject
    Outbox outbox;

    @Test
    void rowsCommittedHereAreSentWithoutThePoll() throws Throwable {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String interactive = "crm.test.woken-" + suffix + ".interactive";
        String other = "crm.test.woken-" + suffix;

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                outbox.publish(interactive, "alone", "crm.test.happened.v1", Map.of("n", 1))));
        assertEquals("crm.test.happened.v1",
                KafkaProbe.header(KafkaProbe.await(interactive, "alone", 1, record -> true).get(0), "ce_type"));

        VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() ->
                outbox.publish(other, "batched", "crm.test.happened.v1", Map.of("n", 2))
                        .chain(() -> outbox.publish(interactive, "batched", "crm.test.happened.v1", Map.of("n", 3)))));
        KafkaProbe.await(other, "batched", 1, record -> true);
        KafkaProbe.await(interactive, "batched", 1, record -> true);
        assertEquals(0, Db.count("select count(*) from outbox_message where topic in ('" + interactive + "', '" + other + "')"));
    }

    @Test
    void aRolledBackTransactionWakesNothingAndSendsNothing() throws Throwable {
        String topic = "crm.test.woken-" + UUID.randomUUID().toString().substring(0, 8) + ".interactive";
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    outbox.publish(topic, "undone", "crm.test.happened.v1", Map.of("n", 1))
                            .chain(() -> io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("rolled back")))));
        } catch (IllegalStateException expected) {
            // the writer's failure, as thrown
        }
        assertEquals(0, Db.count("select count(*) from outbox_message where topic = '" + topic + "'"));
        assertEquals(0, KafkaProbe.collect(topic, "undone", java.time.Duration.ofSeconds(2)).size());
    }
}
