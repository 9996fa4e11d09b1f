package com.acme.crm.common.outbox;

import com.acme.crm.common.messaging.AfterCommit;
import com.acme.crm.common.messaging.DatabaseSignals;
import com.acme.crm.common.messaging.KeptConnection;
import com.acme.crm.common.setaside.SetAsideMessages;
import com.acme.crm.common.stages.MessageStages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.annotation.PostConstruct;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends committed outbox messages to Kafka as CloudEvents (binary mode), oldest first, then
 * deletes them. Two relays per service, one per {@link RelayLane}: the interactive lane's rows have a relay of their
 * own, so a row a user waits for never queues behind a bulk job's thousands. Each is woken at once when a transaction
 * of this process that wrote its rows commits ({@link #wakeAfterCommit}), by PostgreSQL when one of another replica
 * does (the writing replica NOTIFYs after its commit; a replica skips its own NOTIFYs, {@link RelaySignal}), by itself
 * while more is waiting, and by a slow poll in case a notification was missed.
 *
 * <p>Guarantees: nothing is lost (a row is deleted only after Kafka acknowledged it), messages
 * keep their order per key within each topic (one relay per lane at a time across all replicas, held by the lane's
 * advisory lock, sends its lane's rows in id order through an idempotent producer; a topic's rows are all one lane's),
 * a crash between send and delete repeats messages with the same {@code ce_id}, and the table holds only what is not
 * sent yet.
 *
 * <p>Each relay keeps a connection of its own and pipelines its statements on it: a round is two round trips to the
 * database (BEGIN, the lane's transaction-scoped lock and the select of its oldest rows in one; after Kafka's acks the
 * delete, any set-aside and the COMMIT in the other) where the pooled transaction took five. The lock is still the
 * transaction's, so a relay that dies releases it with its connection, as before.
 *
 * <p>Nothing can block it (SPEC rule 6): each row's send is judged on its own. Acknowledged rows are
 * deleted; a row Kafka refuses for good (too large, invalid topic: {@link SendFailures}) is moved to
 * {@code set_aside_message} in the same transaction, counted in {@code crm_outbox_set_aside_total}
 * and logged, and the rows behind it go on; a row whose send failed for a passing reason (broker
 * away) stays for the next round. The price: a set-aside message is later than the messages of its
 * key sent after it, once an operator replays it.
 *
 * <p>Each row goes to Kafka as the record {@link OutboxRecords} makes of it, handed straight to the producer of the
 * {@code outbox} channel (its configuration: idempotent, acks=all): not as a SmallRye message through the channel, whose
 * emitter, context propagation, message metadata and CloudEvent writing cost more per record than the send itself
 * (docs/performance.md, "Issue 9, eleventh step"). The record is the one the channel wrote; a row with a traceparent gets
 * its producer span ({@link RelaySpans}).
 *
 * <p>Written by hand: Quarkus has no outbox; Debezium would need Kafka Connect.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The Kafka channel (SmallRye) whose producer sends the rows; not the database signal below, though named alike. */
    private static final String KAFKA_CHANNEL = "outbox";
    /** The database signal (NOTIFY channel) that wakes the relays: its payload names a lane, or none for every lane. */
    public static final String SIGNAL = "outbox";

    /** What became of one row's send. */
    private record Outcome(long id, String messageId, String type, String topic, Throwable failure) {
        boolean sent() {
            return failure == null;
        }
    }

    /**
     * What one round did: rows read, rows done with (sent or set aside), and whether rows were left for the next round
     * by the byte cap although the row cap was not reached.
     */
    record Round(int read, int done, boolean capped) {
    }

    @Inject
    SetAsideMessages setAside;

    @Inject
    DatabaseSignals signals;

    @Inject
    MessageStages stages;

    @Inject
    Pool pool;

    @Inject
    KafkaClientService kafka;

    @Inject
    OpenTelemetry openTelemetry;

    @ConfigProperty(name = "crm.outbox.batch-size", defaultValue = "500")
    int batchSize;

    /**
     * A round reads rows until their payloads reach this many bytes (always at least one row): a round of 500 rows
     * near the outbox's 512 KiB limit each would hold ~250 MiB at once, more than a service's heap (SPEC rule 6).
     */
    @ConfigProperty(name = "crm.outbox.batch-bytes", defaultValue = "4194304")
    int batchBytes;

    /** The backlog gauge counts at most this many rows, on the slow timer: never the whole table after each batch. */
    @ConfigProperty(name = "crm.outbox.backlog-count-cap", defaultValue = "100000")
    int backlogCountCap;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    private final Map<RelayLane, LaneRelay> relays = new EnumMap<>(RelayLane.class);
    /** This process among the service's replicas, named in its signals so that it knows its own ({@link RelaySignal}). */
    private final String replica = RelaySignal.newReplicaName();
    /** Wake-ups by a signal another writer sent (not this process's own, nor a re-subscription), for the tests. */
    private final AtomicLong wokenBySignal = new AtomicLong();
    private OutboxRecords records;
    private RelaySpans spans;
    /** The outbox channel's producer, once the connector has made it (during start-up). */
    private volatile KafkaProducer<String, String> producer;
    private final AtomicLong backlog = new AtomicLong();
    private Counter setAsideCounter;
    private volatile boolean listening;

    public OutboxRelay() {
        for (RelayLane lane : RelayLane.values()) {
            relays.put(lane, new LaneRelay(lane));
        }
    }

    @PostConstruct
    void init() {
        records = new OutboxRecords(serviceName);
        spans = new RelaySpans(openTelemetry);
    }

    void start(@Observes StartupEvent event, MeterRegistry metrics) {
        metrics.gauge("crm.outbox.backlog", backlog);
        setAsideCounter = Counter.builder("crm.outbox.set_aside")
                .description("Outbox messages Kafka refused for good, set aside for an operator")
                .register(metrics);
    }

    void stop(@Observes ShutdownEvent event) {
        relays.values().forEach(LaneRelay::closeConnection);
    }

    // not before start-up is over: the Kafka channel is wired during start-up
    @Scheduled(every = "${crm.outbox.poll-interval:1s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!listening) {
            listening = true;
            // LISTEN from the first poll on: by then the Kafka channel is wired (at startup it may not be yet)
            // the payload names the lane whose rows committed and who committed them; none (a reconnection, a
            // set-aside replay): every lane
            signals.listenWithPayload(SIGNAL, this::heard);
        }
        wake();
    }

    /**
     * A NOTIFY on {@link #SIGNAL}: another replica's commit (or a writer that names none) wakes the lane it names, or
     * every lane. One this process sent is skipped: it woke that lane's relay at the commit ({@link #wakeAfterCommit}),
     * before it sent the signal, so the relay has read or is reading those rows already.
     */
    private void heard(String payload) {
        RelaySignal signal = RelaySignal.parse(payload);
        if (signal.sentBy(replica)) {
            return;
        }
        if (payload != null) {
            wokenBySignal.incrementAndGet();
        }
        signal.lane().ifPresentOrElse(this::wakeLane, this::wake);
    }

    /** How many signals woke a relay so far (this process's own wake none; re-subscriptions are not counted). */
    long wokenBySignal() {
        return wokenBySignal.get();
    }

    /** The backlog gauge, counted on a slow timer and capped: cheap however large the table grows. */
    @Scheduled(every = "${crm.outbox.backlog-count-interval:5s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> countBacklog() {
        return pool.preparedQuery("select count(*) from (select 1 from outbox_message limit $1) waiting")
                .execute(Tuple.of(backlogCountCap))
                .invoke(rows -> backlog.set(rows.iterator().next().getLong(0)))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Wakes every lane's relay: each starts a round unless one is running, which then goes round once more. */
    public void wake() {
        relays.values().forEach(LaneRelay::wake);
    }

    /** Wakes the relays of these lanes. */
    public void wakeLanes(Set<RelayLane> lanes) {
        lanes.forEach(this::wakeLane);
    }

    private void wakeLane(RelayLane lane) {
        relays.get(lane).wake();
    }

    /**
     * Wakes the relays of {@code lanes} as soon as {@code session}'s running transaction has committed (nothing if it
     * rolls back): the rows it wrote go out without waiting for a NOTIFY to come back from the database. Then NOTIFYs
     * {@link #SIGNAL} for each lane, from outside the writer's transaction ({@link DatabaseSignals}), which wakes the
     * other replicas (this one skips its own, {@link #heard}); the poll is the safety net should either be lost.
     */
    void wakeAfterCommit(Mutiny.Session session, Set<RelayLane> lanes) {
        AfterCommit.run(session, () -> {
            wakeLanes(lanes);
            lanes.forEach(lane -> signals.signalCommitted(SIGNAL, RelaySignal.of(lane, replica).payload()));
        });
    }

    /** One lane's relay: its rounds, one at a time, on a connection of its own. */
    private final class LaneRelay {

        private final RelayLane lane;
        private final String oldest;
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
        /**
         * Used by one round at a time (the draining flag orders them). Its session plans without sequential scans: the
         * table holds a few dozen live rows among thousands of dead ones between two autovacuums (at most one a minute
         * per database), and once ANALYZE has counted the few, PostgreSQL reads the select's rows by scanning every page
         * (2,164 of them for 26 rows on a scratch cluster) where the primary key's order finds them in a handful; no
         * statement of a round needs a scan (docs/performance.md, "thirteenth step").
         */
        private final KeptConnection connection = new KeptConnection(() -> signals.dedicatedConnection(
                Map.of("enable_seqscan", "off")));

        LaneRelay(RelayLane lane) {
            this.lane = lane;
            this.oldest = oldestRows(lane);
        }

        /** Starts draining unless a drain is running; then that drain goes round once more. */
        void wake() {
            wokenWhileDraining.set(true);
            if (draining.compareAndSet(false, true)) {
                drain();
            }
        }

        private void drain() {
            wokenWhileDraining.set(false);
            relayBatch().subscribe().with(round -> {
                // at once again while more is waiting; but a round that got nothing done (Kafka away)
                // waits for the poll, not a busy loop
                boolean moreWaiting = round.read() == batchSize || round.capped() || wokenWhileDraining.get();
                if (round.done() > 0 && moreWaiting) {
                    drain();
                } else {
                    // a round whose sends all settled honours a wake-up that raced with its end
                    finishDraining(round.read() == round.done());
                }
            }, failure -> {
                LOG.warnf("outbox relay (%s) failed, will retry: %s", lane, failure.getMessage());
                finishDraining(false);
            });
        }

        private void finishDraining(boolean honourWakeUp) {
            draining.set(false);
            // a wake-up that raced with the end of the last round must not be lost
            if (honourWakeUp && wokenWhileDraining.get() && draining.compareAndSet(false, true)) {
                drain();
            }
        }

        /**
         * One transaction: lock, read a batch in order, send it, delete what Kafka acknowledged, set aside what it
         * refused. A round that fails closes its connection, which rolls its transaction back; the next round connects
         * again.
         */
        Uni<Round> relayBatch() {
            return connection.get()
                    .chain(this::round)
                    .onFailure().call(failure -> closeConnection());
        }

        Uni<Void> closeConnection() {
            return connection.close();
        }

        /**
         * BEGIN, the lock and the select go out together (pipelined: one round trip); the select is a statement of its
         * own, so its snapshot follows the lock and sees what the lock's previous holder deleted. Its rows are sent only
         * when this transaction holds the lock.
         */
        private Uni<Round> round(PgConnection c) {
            Uni<RowSet<Row>> begin = c.query("begin").execute();
            Uni<RowSet<Row>> lock = c.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(lane.lock()));
            Uni<RowSet<Row>> rows = c.preparedQuery(oldest).execute(Tuple.of(batchSize, batchBytes));
            return Uni.combine().all().unis(begin, lock, rows).asTuple()
                    .chain(read -> {
                        boolean locked = read.getItem2().iterator().next().getBoolean(0);
                        RowSet<Row> oldestRows = read.getItem3();
                        boolean capped = locked && oldestRows.size() > 0
                                && oldestRows.iterator().next().getLong("waiting") > oldestRows.size();
                        // the sends settle on the producer's network thread; the round goes on on the connection's
                        Context connectionContext = Vertx.currentContext();
                        return (locked ? sendAll(oldestRows, connectionContext) : Uni.createFrom().item(List.<Outcome>of()))
                                .chain(outcomes -> settleAndCommit(c, outcomes).replaceWith(new Round(outcomes.size(),
                                        (int) outcomes.stream().filter(o -> o.sent() || SendFailures.isRefusal(o.failure())).count(),
                                        capped)));
                    });
        }
    }

    /**
     * A lane's oldest rows, in id order: at most {@code $1} of them, and only as many as fit in {@code $2} bytes of
     * payload (the first row whatever its size). {@code waiting} is how many of the {@code $1} oldest there were, so a
     * round cut short by the bytes knows to go round again at once. {@code octet_length} of a text column reads its
     * stored length, without decompressing it.
     */
    static String oldestRows(RelayLane lane) {
        return "select id, message_id, topic, message_key, type, payload, created_at, traceparent, waiting from ("
                + " select *, sum(octet_length(payload)) over (order by id) - octet_length(payload) as bytes_before,"
                + " count(*) over () as waiting"
                + " from (select id, message_id, topic, message_key, type, payload, created_at, traceparent"
                + " from outbox_message where " + lane.rows() + " order by id limit $1) oldest"
                + ") capped where bytes_before < $2 order by id";
    }

    private Uni<List<Outcome>> sendAll(RowSet<Row> rows, Context connectionContext) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(List.of());
        }
        KafkaProducer<String, String> kafkaProducer = producer();
        List<Uni<Outcome>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sends.add(sendOne(kafkaProducer, row)); // handed to the producer in id order
        }
        Uni<List<Outcome>> outcomes = Uni.join().all(sends).andFailFast();
        return connectionContext == null ? outcomes
                : outcomes.emitOn(command -> connectionContext.runOnContext(ignored -> command.run()));
    }

    /**
     * Deletes the sent rows, sets aside the refused ones (rows that failed for a passing reason stay) and commits, all
     * pipelined: one round trip.
     */
    private Uni<Void> settleAndCommit(SqlConnection connection, List<Outcome> outcomes) {
        List<Long> sent = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int passing = 0;
        Throwable passingFailure = null;
        for (Outcome outcome : outcomes) {
            if (outcome.sent()) {
                sent.add(outcome.id());
            } else if (SendFailures.isRefusal(outcome.failure())) {
                refused.add(outcome.id());
                errors.add(SendFailures.describe(outcome.failure()));
                LOG.errorf("Kafka refused outbox message %s (%s to %s) for good; it is set aside for an operator"
                                + " (GET /ops/set-aside, see docs/operations.md): %s",
                        outcome.messageId(), outcome.type(), outcome.topic(), SendFailures.describe(outcome.failure()));
            } else {
                passing++;
                passingFailure = outcome.failure();
            }
        }
        if (passing > 0) {
            LOG.warnf("%d outbox message(s) not sent this round, they stay for the next one: %s", passing, passingFailure);
        }
        List<Uni<?>> statements = new ArrayList<>(3);
        if (!sent.isEmpty()) {
            statements.add(connection.preparedQuery("delete from outbox_message where id = any($1)")
                    .execute(Tuple.of(sent.toArray(Long[]::new))));
        }
        if (!refused.isEmpty()) {
            statements.add(setAside.fromOutbox(connection, refused, errors));
        }
        // a COMMIT after a failed statement rolls back (PostgreSQL answers ROLLBACK); the failure fails the round
        statements.add(connection.query("commit").execute());
        return Uni.combine().all().unis(statements).discardItems()
                .invoke(() -> {
                    if (!refused.isEmpty()) {
                        setAsideCounter.increment(refused.size());
                    }
                });
    }

    private Uni<Outcome> sendOne(KafkaProducer<String, String> kafkaProducer, Row row) {
        long id = row.getLong("id");
        String messageId = row.getString("message_id");
        String type = row.getString("type");
        String topic = row.getString("topic");
        OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
        long read = stages.readFromOutbox(topic, createdAt);
        ProducerRecord<String, String> record = records.record(topic, row.getString("message_key"), messageId, type,
                createdAt, row.getString("payload"));
        Span span = spans.start(record, row.getString("traceparent"));
        return send(kafkaProducer, record).onItemOrFailure().transform((sent, failure) -> {
            RelaySpans.end(span, failure);
            if (failure == null) {
                stages.sent(topic, read);
            }
            return new Outcome(id, messageId, type, topic, failure);
        });
    }

    private static Uni<RecordMetadata> send(KafkaProducer<String, String> kafkaProducer, ProducerRecord<String, String> record) {
        if (kafkaProducer == null) { // the channel is not wired yet (start-up): a passing failure, the row stays
            return Uni.createFrom().failure(new IllegalStateException("the " + KAFKA_CHANNEL + " channel has no producer yet"));
        }
        try {
            return kafkaProducer.send(record);
        } catch (RuntimeException e) { // e.g. the producer is closing
            return Uni.createFrom().failure(e);
        }
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null && kafka.getProducerChannels().contains(KAFKA_CHANNEL)) {
            current = kafka.getProducer(KAFKA_CHANNEL);
            producer = current;
        }
        return current;
    }
}
