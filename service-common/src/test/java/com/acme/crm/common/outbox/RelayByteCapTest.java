package com.acme.crm.common.outbox;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay round reads rows up to a byte cap, not only a row cap (SPEC rule 6): 500 rows near the outbox's 512 KiB
 * limit would hold ~250 MiB in a service whose heap is 192 MiB. On the real database and broker: the round's
 * statement stops once the payloads read reach the cap (always one row, however large), tells how many rows were
 * waiting, and a backlog of large rows several caps long goes out whole, each once, in order.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RelayByteCapTest {

    private static final int KIB = 1024;

    /** {@code rows} rows of {@code topic}, key {@code k}, ids {@code prefix-n}, each payload about {@code kib} KiB. */
    private static void writeOutbox(Connection c, String topic, String prefix, int rows, int kib) throws Exception {
        try (Statement insert = c.createStatement()) {
            insert.execute("insert into outbox_message (message_id, topic, message_key, type, payload, created_at) "
                    + "select '" + prefix + "-' || n, '" + topic + "', 'k', 'crm.test.happened.v1', "
                    + "'{\"n\":' || n || ',\"notes\":\"' || repeat('x', " + (kib * KIB) + ") || '\"}', now() "
                    + "from generate_series(0, " + (rows - 1) + ") n order by n");
        }
    }

    /** The ids and the {@code waiting} count the round's statement answers, in this transaction. */
    private static List<String> oldest(Connection c, int rows, int bytes, long[] waiting) throws Exception {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                OutboxRelay.oldestRows(RelayLane.INTERACTIVE).replace("$1", "?").replace("$2", "?"))) {
            select.setInt(1, rows);
            select.setInt(2, bytes);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString("message_id"));
                    waiting[0] = result.getLong("waiting");
                }
            }
        }
        return ids;
    }

    private static long waitingInteractive() {
        return Db.count("select count(*) from outbox_message where topic like '%.interactive'");
    }

    @Test
    void theRoundsStatementStopsAtTheByteCapButAlwaysReadsOneRow() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingInteractive() == 0);
        String topic = "crm.test.cap-" + UUID.randomUUID().toString().substring(0, 8) + ".interactive";
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            try (Statement lock = c.createStatement()) { // the lane's relay waits while this transaction holds its lock
                lock.execute("select pg_advisory_xact_lock(" + RelayLane.INTERACTIVE.lock() + ")");
            }
            writeOutbox(c, topic, "big", 5, 300);
            long[] waiting = new long[1];

            // 0, 300, 600 and 900 KiB read before each of the first four: under 1 MiB; the fifth waits
            assertEquals(List.of("big-0", "big-1", "big-2", "big-3"), oldest(c, 500, 1024 * KIB, waiting));
            assertEquals(5, waiting[0], "the round knows one row was left for the next");
            assertEquals(List.of("big-0"), oldest(c, 500, 100 * KIB, waiting), "one row, though larger than the cap");
            assertEquals(5, waiting[0]);
            assertEquals(List.of("big-0", "big-1"), oldest(c, 2, 100 * 1024 * KIB, waiting), "the row cap still holds");
            assertEquals(2, waiting[0]);
            c.rollback();
        }
    }

    @Test
    void aBacklogOfLargeRowsSeveralCapsLongGoesOutWholeEachOnceInOrder() throws Exception {
        int rows = 60; // 60 × 300 KiB ≈ 18 MiB: five rounds at the default 4 MiB
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "crm.test.cap-" + suffix + ".interactive";
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            writeOutbox(c, topic, "big-" + suffix, rows, 300);
            c.commit();
        }

        List<String> sent = KafkaProbe.await(topic, "k", rows, record -> true).stream()
                .map(record -> KafkaProbe.header(record, "ce_id")).toList();
        assertEquals(IntStream.range(0, rows).mapToObj(n -> "big-" + suffix + "-" + n).toList(), sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingInteractive() == 0);
        assertTrue(KafkaProbe.relayed(topic, "k").size() == rows, "no row sent twice");
    }
}
