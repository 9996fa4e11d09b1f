package com.acme.crm.common.outbox;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A lone interactive message goes from its writer's commit to this process's relay in memory, without a read of the
 * table ({@link OutboxRelay#afterCommit}); on the real relay, broker and database. Only when nothing of its lane waits
 * before it: behind a waiting row it goes the table's way, after that row. And a row handed over elsewhere (its lease
 * live) holds back every round of its lane from itself on, until its lease has passed.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class HandOverTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    private static String interactiveTopic() {
        return "crm.test.hand-" + UUID.randomUUID().toString().substring(0, 8) + ".interactive";
    }

    private static long waitingInteractive() {
        return Db.count("select count(*) from outbox_message where topic like '%.interactive'");
    }

    private static List<String> ceIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> KafkaProbe.header(record, "ce_id")).toList();
    }

    @Test
    void aLoneInteractiveMessageIsSentFromTheCommitNotReadFromTheTable() throws Throwable {
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingInteractive() == 0);
        String topic = interactiveTopic();
        long handedBefore = relay.handedAndSent();

        VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() ->
                outbox.publish(topic, "lone", "crm.test.happened.v1", Map.of("n", 1))));
        KafkaProbe.relayed(topic, "lone"); // sent and deleted: the next finds its lane empty
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                outbox.publish(topic, "lone", "crm.test.happened.v1", Map.of("n", 2))));

        List<ConsumerRecord<String, String>> sent = KafkaProbe.relayed(topic, "lone");
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), sent.stream().map(ConsumerRecord::value).toList(), "each once, in order");
        assertEquals(handedBefore + 2, relay.handedAndSent(), "both handed over: a unit's and a transaction's of its own");
    }

    @Test
    void aMessageBehindAWaitingRowOfItsLaneGoesTheTablesWayAfterIt() throws Throwable {
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingInteractive() == 0);
        String topic = interactiveTopic();
        String older = "older-" + UUID.randomUUID();
        long handedBefore = relay.handedAndSent();
        try (Connection busyRelay = Db.connect()) {
            busyRelay.setAutoCommit(false);
            try (Statement lock = busyRelay.createStatement()) { // the lane's relay (another replica's) is busy
                lock.execute("select pg_advisory_xact_lock(" + RelayLane.INTERACTIVE.lock() + ")");
            }
            Db.execute("insert into outbox_message (message_id, topic, message_key, type, payload, created_at) "
                    + "values ('" + older + "', '" + topic + "', 'k', 'crm.test.happened.v1', '{\"n\":0}', now())");
            VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() ->
                    outbox.publish(topic, "k", "crm.test.happened.v1", Map.of("n", 1))));
            assertEquals(0, Db.count("select count(*) from outbox_message where handed_until is not null"),
                    "a row of its lane waited before it: not handed over");
            busyRelay.rollback();
        }

        List<ConsumerRecord<String, String>> sent = KafkaProbe.relayed(topic, "k");
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}"), sent.stream().map(ConsumerRecord::value).toList(), "each once, in order");
        assertEquals(older, ceIds(sent).get(0));
        assertEquals(handedBefore, relay.handedAndSent());
    }

    @Test
    void aLiveLeaseHoldsBackItsLaneFromItselfOnUntilItHasPassed() {
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingInteractive() == 0);
        String topic = interactiveTopic();
        String prefix = "leased-" + UUID.randomUUID().toString().substring(0, 8);
        // a row handed over by a replica that died before sending it, and one written after it
        Db.execute("insert into outbox_message (message_id, topic, message_key, type, payload, created_at, handed_until) "
                + "select '" + prefix + "-' || n, '" + topic + "', 'k', 'crm.test.happened.v1', '{\"n\":' || n || '}', now(),"
                + " case when n = 0 then now() + interval '1 hour' end from generate_series(0, 1) n order by n");
        relay.wake();

        assertEquals(0, KafkaProbe.collect(topic, "k", Duration.ofSeconds(3)).size(), "nothing from the leased row on");
        assertEquals(2, Db.count("select count(*) from outbox_message where topic = '" + topic + "'"));

        Db.execute("update outbox_message set handed_until = now() - interval '1 second' where topic = '" + topic + "'");
        assertEquals(List.of(prefix + "-0", prefix + "-1"), ceIds(KafkaProbe.relayed(topic, "k")),
                "once the lease has passed, both, in order, by the safety poll");
    }
}
