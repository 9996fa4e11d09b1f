package com.acme.crm.common.setaside;

import com.acme.crm.common.messaging.DatabaseSignals;
import com.acme.crm.common.outbox.OutboxRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code set_aside_message} table (SPEC rule 6): messages Kafka or a consumer refused for good,
 * kept with their error so that everything behind them flows on, until an operator replays or
 * discards them ({@link SetAsideResource}). A replay puts the message back into the outbox with its
 * own message id: the relay sends it again, and the consumer's inbox still processes it once (a
 * set-aside message was never recorded there).
 */
@ApplicationScoped
public class SetAsideMessages {

    private static final Logger LOG = Logger.getLogger(SetAsideMessages.class);
    private static final String COLUMNS = "id, source, message_id, topic, message_key, type, error, set_aside_at, octet_length(payload) as size";

    @Inject
    Pool pool;

    @Inject
    DatabaseSignals signals;

    private Counter consumerSetAside;
    private final AtomicLong current = new AtomicLong();

    void start(@Observes StartupEvent event, MeterRegistry metrics) {
        consumerSetAside = Counter.builder("crm.consumer.set_aside")
                .description("Messages a consumer could not process for good, set aside for an operator")
                .register(metrics);
        metrics.gauge("crm.set_aside.messages", current);
    }

    /** A consumed message that can never be processed; a repeat of it (redelivery) is kept only once. */
    public Uni<Void> fromConsumer(ConsumedMessage message, String error) {
        return pool.preparedQuery("""
                        insert into set_aside_message (source, message_id, topic, message_key, type, payload, created_at, traceparent, error)
                        values ('consumer', $1, $2, $3, $4, $5, $6, $7, $8)
                        on conflict (source, message_id) do nothing""")
                .execute(Tuple.from(Arrays.asList(message.id(), message.topic(), message.key(), message.type(),
                        message.payload(), message.createdAt().atOffset(ZoneOffset.UTC), message.traceparent(), error)))
                .invoke(rows -> {
                    if (rows.rowCount() == 1) {
                        consumerSetAside.increment();
                        current.incrementAndGet();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Moves refused outbox rows here, in the relay's transaction (the row is never both sent and
     * set aside). {@code ids} and {@code errors} are parallel lists.
     */
    public Uni<Void> fromOutbox(SqlConnection connection, List<Long> ids, List<String> errors) {
        List<Tuple> moves = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            moves.add(Tuple.of(ids.get(i), errors.get(i)));
        }
        return connection.preparedQuery("""
                        with moved as (delete from outbox_message where id = $1 returning *)
                        insert into set_aside_message (source, message_id, topic, message_key, type, payload, created_at, traceparent, error)
                        select 'outbox', message_id, topic, message_key, type, payload, created_at, traceparent, $2 from moved
                        on conflict (source, message_id) do update set error = excluded.error, set_aside_at = now()""")
                .executeBatch(moves)
                .invoke(() -> current.addAndGet(ids.size()))
                .replaceWithVoid();
    }

    /** One page, oldest first, after the set-aside id {@code after}. */
    public Uni<List<SetAsideView>> list(long after, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from set_aside_message where id > $1 order by id limit $2")
                .execute(Tuple.of(after, limit))
                .map(rows -> {
                    List<SetAsideView> views = new ArrayList<>(rows.size());
                    rows.forEach(row -> views.add(view(row, null)));
                    return views;
                });
    }

    /** One message with its payload; null when there is none with that id. */
    public Uni<SetAsideView> find(long id) {
        return pool.preparedQuery("select " + COLUMNS + ", payload from set_aside_message where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next(), rows.iterator().next().getString("payload")));
    }

    /**
     * Puts set-aside messages back into the outbox (same message id, topic, key, type, payload) and
     * removes them from here, in one transaction; {@code id} null means all. Every replica's relays are woken
     * after the commit. Returns how many were replayed.
     */
    public Uni<Integer> replay(Long id) {
        String which = id == null ? "" : " where id = $1";
        Tuple arguments = id == null ? Tuple.tuple() : Tuple.of(id);
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        with moved as (delete from set_aside_message%s returning *)
                        insert into outbox_message (message_id, topic, message_key, type, payload, created_at, traceparent)
                        select message_id, topic, coalesce(message_key, ''), type, payload, created_at, traceparent
                        from moved order by id""".formatted(which))
                .execute(arguments)
                .map(rows -> rows.rowCount()))
                .invoke(replayed -> {
                    signals.signalCommitted(OutboxRelay.SIGNAL, ""); // no lane named: every lane's relay looks
                    current.addAndGet(-replayed);
                    LOG.infof("replayed %d set-aside message(s)%s", replayed, id == null ? "" : " (id " + id + ")");
                });
    }

    /** Drops one set-aside message for good; false when there is none with that id. */
    public Uni<Boolean> discard(long id) {
        return pool.preparedQuery("delete from set_aside_message where id = $1 returning message_id, topic, type")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return false;
                    }
                    Row row = rows.iterator().next();
                    current.decrementAndGet();
                    LOG.warnf("discarded set-aside message %s (%s, %s) by operator request",
                            row.getString("message_id"), row.getString("type"), row.getString("topic"));
                    return true;
                });
    }

    /** The gauge is counted on a slow timer (the table is small; nothing counts it per message). */
    @Scheduled(every = "${crm.set-aside.count-interval:15s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> count() {
        return pool.query("select count(*) from set_aside_message").execute()
                .invoke(rows -> current.set(rows.iterator().next().getLong(0)))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private static SetAsideView view(Row row, String payload) {
        OffsetDateTime at = row.getOffsetDateTime("set_aside_at");
        return new SetAsideView(row.getLong("id"), row.getString("source"), row.getString("message_id"),
                row.getString("topic"), row.getString("message_key"), row.getString("type"), row.getString("error"),
                at.toInstant(), row.getInteger("size"), payload);
    }
}
