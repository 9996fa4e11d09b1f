package com.acme.crm.common.outbox;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The relay per lane on the real relay, broker and database: an interactive row goes out while the bulk relay is
 * busy with thousands of rows written before it (a lane's relay is held by its lock, as a relay busy with a long round
 * or another replica's would be), the interactive lane's lock holds back only its own rows, and within each lane the
 * guarantees hold: per-key order, and a repeat after a crash between send and delete keeps its ce_id.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RelayLanesTest {

    private static final int BULK_ROWS = 3_000;
    private static final int KEYS = 10;

    /** Holds {@code lane}'s relay lock in a transaction of its own until closed or rolled back: that lane's relay waits. */
    private static Connection holdingTheRelayOf(RelayLane lane) throws Exception {
        Connection c = Db.connect();
        c.setAutoCommit(false);
        try (Statement lock = c.createStatement()) {
            lock.execute("select pg_advisory_xact_lock(" + lane.lock() + ")");
        }
        return c;
    }

    /** {@code rows} outbox rows for {@code topic} in one transaction, message ids {@code prefix-n}, keys {@code k<n mod 10>}, in n order. */
    private static void writeOutbox(String topic, String prefix, int rows) {
        Db.execute("insert into outbox_message (message_id, topic, message_key, type, payload, created_at) "
                + "select '" + prefix + "-' || n, '" + topic + "', 'k' || (n % " + KEYS + "), 'crm.test.happened.v1', "
                + "'{\"n\":' || n || '}', now() from generate_series(0, " + (rows - 1) + ") n order by n");
    }

    private static long waiting(String topic) {
        return Db.count("select count(*) from outbox_message where topic = '" + topic + "'");
    }

    @Test
    void anInteractiveRowIsSentWhileManyBulkRowsWrittenBeforeItWait() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bulk = "crm.test.bulk-" + suffix;
        String interactive = "crm.test.lanes-" + suffix + ".interactive";
        try (Connection busyBulkRelay = holdingTheRelayOf(RelayLane.OTHER)) {
            writeOutbox(bulk, "bulk-" + suffix, BULK_ROWS);
            writeOutbox(interactive, "interactive-" + suffix, 1);

            List<ConsumerRecord<String, String>> sent = KafkaProbe.await(interactive, "k0", 1, record -> true);
            assertEquals("interactive-" + suffix + "-0", KafkaProbe.header(sent.get(0), "ce_id"));
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting(interactive) == 0); // deleted once acknowledged
            assertEquals(BULK_ROWS, waiting(bulk), "every bulk row written before it still waits");
            busyBulkRelay.rollback();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> waiting(bulk) == 0);
        for (int key : new int[] {0, 7}) {
            List<String> expected = IntStream.range(0, BULK_ROWS).filter(n -> n % KEYS == key)
                    .mapToObj(n -> "bulk-" + suffix + "-" + n).toList();
            assertEquals(expected, KafkaProbe.relayed(bulk, "k" + key).stream()
                    .map(record -> KafkaProbe.header(record, "ce_id")).toList(), "key k" + key + ": each once, in order");
        }
    }

    @Test
    void theInteractiveLanesLockHoldsBackOnlyItsRowsAndARepeatKeepsItsCeId() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bulk = "crm.test.bulk-" + suffix;
        String interactive = "crm.test.lanes-" + suffix + ".interactive";
        String interactiveId = "interactive-" + suffix + "-0";
        try (Connection busyInteractiveRelay = holdingTheRelayOf(RelayLane.INTERACTIVE)) {
            writeOutbox(interactive, "interactive-" + suffix, 1);
            writeOutbox(bulk, "bulk-" + suffix, 1);

            KafkaProbe.await(bulk, "k0", 1, record -> true);
            assertEquals(1, waiting(interactive), "the interactive row waits for its own lane's relay");
            busyInteractiveRelay.rollback(); // that relay is back
        }
        List<ConsumerRecord<String, String>> first = KafkaProbe.await(interactive, "k0", 1, record -> true);
        assertEquals(interactiveId, KafkaProbe.header(first.get(0), "ce_id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting(interactive) == 0);

        // a crash between Kafka's acknowledgement and the delete leaves the row: it is sent again, same ce_id
        writeOutbox(interactive, "interactive-" + suffix, 1);
        List<ConsumerRecord<String, String>> both = KafkaProbe.await(interactive, "k0", 2, record -> true);
        assertEquals(List.of(interactiveId, interactiveId), both.stream().map(r -> KafkaProbe.header(r, "ce_id")).toList());
    }
}
