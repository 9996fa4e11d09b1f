package com.acme.crm.lead.contacts;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.testinfra.SqlStatements;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A batch of contact events as the consumer runs it (one unit): the copies read in one statement before the events,
 * written by one upsert after them, one NOTIFY for the new ones after the commit; two events of one contact in the batch see each other.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ContactCopyBatchTest {

    @Inject
    ContactCopies copies;

    @Test
    void aBatchReadsItsCopiesInOneStatementAndWritesThemInOne() throws Throwable {
        UUID renamed = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        UUID stale = UUID.randomUUID();
        copy(renamed, "Ada", "King", 2, false);
        copy(deleted, "Grace", "Hopper", 5, false);
        copy(stale, "Alan", "Turing", 7, false);

        Connection listener = Db.connect(); // as another replica's
        try (Statement listen = listener.createStatement()) {
            listen.execute("listen " + ContactArrivals.CHANNEL);
        }
        SqlStatements sql = SqlStatements.record();
        VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() -> copies.prepare(List.of(renamed, fresh, deleted, stale))
                .chain(() -> copies.upsert(new ContactEvent(renamed, "Ada", "Lovelace", "ada@x.test", "CTO", 3L), false))
                .chain(() -> copies.upsert(new ContactEvent(fresh, "Edsger", "Dijkstra", null, null, 0L), false))
                // the second event of the fresh contact in the batch sees the first: older, ignored
                .chain(() -> copies.upsert(new ContactEvent(fresh, "Old", "Name", null, null, null), false))
                .chain(() -> copies.upsert(new ContactEvent(fresh, "Edsger W.", "Dijkstra", null, "Prof", 1L), false))
                .chain(() -> copies.upsert(new ContactEvent(deleted, "Grace", "Hopper", null, null, 4L), true))
                .chain(() -> copies.upsert(new ContactEvent(stale, "Stale", "Name", null, null, 6L), false))));
        sql.close();

        assertEquals("Ada|Lovelace|ada@x.test|CTO|3|f", row(renamed));
        assertEquals("Edsger W.|Dijkstra||Prof|1|f", row(fresh));
        assertEquals("Grace|Hopper|||5|t", row(deleted));
        assertEquals("Alan|Turing|||7|f", row(stale));
        assertEquals(1, sql.containing("from contact_copy"), "one read for the batch: " + sql.all());
        assertEquals(1, sql.startingWith("insert into contact_copy"), "one write for the batch: " + sql.all());
        assertEquals(0, sql.startingWith("update contact_copy"), sql.all().toString());
        assertEquals(0, sql.startingWith("notify"), "no NOTIFY inside the writer's transaction: " + sql.all());
        assertEquals(1, notifications(listener, 1_500), "one signal for the new contact, after the commit");
        listener.close();
    }

    private static int notifications(Connection listener, int millis) throws Exception {
        int heard = 0;
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(50);
            heard += notifications == null ? 0 : notifications.length;
        }
        return heard;
    }

    @Test
    void anEventOutsideABatchReadsAndWritesItsCopyAtOnce() throws Throwable {
        UUID id = UUID.randomUUID();
        copy(id, "Ada", "King", 2, false);

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                copies.upsert(new ContactEvent(id, "Ada", "Lovelace", null, null, 2L), false)));

        assertEquals("Ada|Lovelace|||2|f", row(id));
    }

    /** An older event that reaches the upsert after a newer copy was written meanwhile does not overwrite it. */
    @Test
    void theUpsertKeepsANewerCopyWrittenSinceTheRead() throws Throwable {
        UUID id = UUID.randomUUID();
        copy(id, "Ada", "King", 2, false);

        VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() -> copies.prepare(List.of(id))
                .invoke(() -> Db.execute("update contact_copy set last_name = 'Newer', source_version = 9 where id = '" + id + "'"))
                .chain(() -> copies.upsert(new ContactEvent(id, "Ada", "Older", null, null, 3L), false))));

        assertEquals("Ada|Newer|||9|f", row(id));
    }

    private static void copy(UUID id, String first, String last, long version, boolean deleted) {
        Db.execute("insert into contact_copy (id, first_name, last_name, source_version, deleted, updated_at) values ('" + id
                + "', '" + first + "', '" + last + "', " + version + ", " + deleted + ", now())");
    }

    private static String row(UUID id) {
        return Db.text("select concat_ws('|', first_name, last_name, coalesce(email, ''), coalesce(job_title, ''),"
                + " source_version, deleted) from contact_copy where id = '" + id + "'");
    }
}
