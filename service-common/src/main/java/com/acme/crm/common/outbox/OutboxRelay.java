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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.function.LongConsumer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends committed outbox messages to Kafka as CloudEvents (binary mode), oldest first, then
 * deletes them. Two relays per service, one per {@link RelayLane}: the interactive lane's rows have a relay of their
 * own, so a row a user waits for never queues behind a bulk job's thousands. Each is woken at once when a transaction
 * of this process that wrote its rows commits ({@link #afterCommit}), by PostgreSQL when one of another replica
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
 * <p>A lone interactive message skips the read (the hand-over, {@link #afterCommit}): its writer's insert found no row
 * of the interactive lane waiting before it and gave it a lease ({@code handed_until}, V88), and at the commit hands it
 * to this process's interactive relay, which sends it at once and then deletes it. No round sends a row with a live
 * lease, nor any row of its lane after it, in any replica, so per-key order holds and no other relay sends it twice; a
 * failed send releases the lease, a dead writer's lease passes, and the row goes the table's way then
 * (docs/performance.md, "sixteenth step").
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
    Vertx vertx;

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
    /** Handed rows Kafka acknowledged ({@link LaneRelay#sendHanded}), for the tests. */
    private final AtomicLong handedAndSent = new AtomicLong();
    /** Rounds that read the table, every lane's, for the probes. */
    private final AtomicLong rounds = new AtomicLong();
    /** How soon a round stopped by a lease no hand-over of this process holds looks again. */
    private static final long LEASE_RECHECK_MS = 20;
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
     * every lane. One this process sent is skipped: it woke that lane's relay at the commit ({@link #afterCommit}),
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
     * What becomes of {@code rows} (an {@link Outbox} insert's) once {@code session}'s transaction commits (nothing if it
     * rolls back): given the number of rows the insert handed over (before the commit; none or all of its interactive
     * ones), the interactive relay sends those at once from memory ({@link LaneRelay#sendHanded}). The relays of the
     * other rows' lanes are woken, so those rows go out without waiting for a NOTIFY to come back from the database;
     * then {@link #SIGNAL} is NOTIFYed for each such lane, from outside the writer's transaction ({@link DatabaseSignals}),
     * which wakes the other replicas (this one skips its own, {@link #heard}); the poll is the safety net should either be
     * lost. The other replicas hear of no handed row: theirs to send only once its lease has passed, which their safety
     * poll finds.
     */
    LongConsumer afterCommit(Mutiny.Session session, List<Outbox.Row> rows) {
        AtomicBoolean handed = new AtomicBoolean();
        AfterCommit.run(session, () -> {
            Set<RelayLane> lanes = EnumSet.noneOf(RelayLane.class);
            List<Outbox.Row> handedRows = new ArrayList<>();
            for (Outbox.Row row : rows) {
                RelayLane lane = RelayLane.of(row.topic());
                if (handed.get() && lane == RelayLane.INTERACTIVE) {
                    handedRows.add(row);
                } else {
                    lanes.add(lane);
                }
            }
            if (!handedRows.isEmpty()) {
                relays.get(RelayLane.INTERACTIVE).sendHanded(handedRows);
            }
            wakeLanes(lanes);
            lanes.forEach(lane -> signals.signalCommitted(SIGNAL, RelaySignal.of(lane, replica).payload()));
        });
        return count -> handed.set(count > 0);
    }

    /** How many rounds read the table so far (every lane's), for the probes. */
    long rounds() {
        return rounds.get();
    }

    /** How many handed rows Kafka acknowledged so far, for the tests. */
    long handedAndSent() {
        return handedAndSent.get();
    }

    /** One lane's relay: its rounds, one at a time, on a connection of its own. */
    private final class LaneRelay {

        private final RelayLane lane;
        private final String oldest;
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
        /** Hand-overs being sent, and how many ended: a round stopped by a lease knows whether one may have ended since. */
        private final AtomicLong handedEnded = new AtomicLong();
        private final AtomicInteger handingOver = new AtomicInteger();
        /** A round stopped at a live lease: the hand-over that ends next wakes the relay again. */
        private final AtomicBoolean stoppedByLease = new AtomicBoolean();
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

        /**
         * Sends rows their writer handed over at its commit, without reading the table: they hold the lane's
         * lease, so no round reads them, nor any row of the lane after them, until they are deleted (sent) or released
         * (not sent: a round sends them then, and judges a refusal). One statement settles them, on the pool.
         */
        void sendHanded(List<Outbox.Row> rows) {
            handingOver.incrementAndGet();
            List<Message> messages = rows.stream().map(Message::of).toList();
            sendAll(messages, Vertx.currentContext())
                    .chain(this::settleHanded)
                    .subscribe().with(this::handOverEnded, failure -> {
                        LOG.warnf("outbox relay (%s): a hand-over failed, its rows go when their lease has passed: %s",
                                lane, failure.getMessage());
                        handOverEnded(false);
                    });
        }

        /** Deletes the handed rows Kafka acknowledged and releases the others; whether any were released. */
        private Uni<Boolean> settleHanded(List<Outcome> outcomes) {
            List<String> sent = new ArrayList<>();
            List<String> released = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                (outcome.sent() ? sent : released).add(outcome.messageId());
            }
            if (!released.isEmpty()) {
                LOG.warnf("%d handed outbox message(s) not sent, they go with the relay's next round: %s",
                        released.size(), outcomes.stream().filter(o -> !o.sent()).findFirst().map(Outcome::failure).orElse(null));
            }
            return pool.preparedQuery("""
                            with sent as (delete from outbox_message where handed_until is not null and message_id = any($1))
                            update outbox_message set handed_until = null where handed_until is not null and message_id = any($2)""")
                    .execute(Tuple.of(sent.toArray(String[]::new), released.toArray(String[]::new)))
                    .invoke(() -> handedAndSent.addAndGet(sent.size()))
                    .replaceWith(!released.isEmpty());
        }

        private void handOverEnded(boolean released) {
            handingOver.decrementAndGet();
            handedEnded.incrementAndGet();
            if (stoppedByLease.getAndSet(false) | released) {
                wake();
            }
        }

        /**
         * A round that stopped at a lease: woken by this process's hand-over that ends next, at once if one ended since
         * it began, and soon if none is under way (the lease is another replica's, or a dead writer's: looked at again
         * until it has gone or passed).
         */
        private void stoppedByLease(long handedEndedAtStart) {
            stoppedByLease.set(true);
            if (handedEnded.get() != handedEndedAtStart) {
                if (stoppedByLease.getAndSet(false)) {
                    wake(); // draining: the round goes round once more at its end
                }
            } else if (handingOver.get() == 0 && stoppedByLease.getAndSet(false)) {
                vertx.setTimer(LEASE_RECHECK_MS, ignored -> wake());
            }
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
            rounds.incrementAndGet();
            long handedEndedAtStart = handedEnded.get();
            Uni<RowSet<Row>> begin = c.query("begin").execute();
            Uni<RowSet<Row>> lock = c.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(lane.lock()));
            Uni<RowSet<Row>> rows = c.preparedQuery(oldest).execute(Tuple.of(batchSize, batchBytes));
            return Uni.combine().all().unis(begin, lock, rows).asTuple()
                    .chain(read -> {
                        boolean locked = read.getItem2().iterator().next().getBoolean(0);
                        RowSet<Row> oldestRows = read.getItem3();
                        boolean capped = locked && oldestRows.size() > 0
                                && oldestRows.iterator().next().getLong("waiting") > oldestRows.size();
                        // a handed row is its writer's to send, and what comes after it in the lane waits for it
                        List<Message> unleased = new ArrayList<>(oldestRows.size());
                        for (Row row : oldestRows) {
                            if (row.getBoolean("leased")) {
                                stoppedByLease(handedEndedAtStart);
                                break;
                            }
                            unleased.add(Message.of(row));
                        }
                        // the sends settle on the producer's network thread; the round goes on on the connection's
                        Context connectionContext = Vertx.currentContext();
                        return (locked ? sendAll(unleased, connectionContext) : Uni.createFrom().item(List.<Outcome>of()))
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
     * stored length, without decompressing it. {@code leased}: a row its writer's process is sending
     * ({@link LaneRelay#sendHanded}) until its lease passes; a round sends none of the rows from the first such one on.
     */
    static String oldestRows(RelayLane lane) {
        return "select id, message_id, topic, message_key, type, payload, created_at, traceparent, waiting,"
                + " coalesce(handed_until > now(), false) as leased from ("
                + " select *, sum(octet_length(payload)) over (order by id) - octet_length(payload) as bytes_before,"
                + " count(*) over () as waiting"
                + " from (select id, message_id, topic, message_key, type, payload, created_at, traceparent, handed_until"
                + " from outbox_message where " + lane.rows() + " order by id limit $1) oldest"
                + ") capped where bytes_before < $2 order by id";
    }

    /** An outbox row to send, read from the table or handed over by its writer (whose id it never learns: 0). */
    private record Message(long id, String messageId, String topic, String key, String type, String payload,
                           OffsetDateTime createdAt, String traceparent) {

        static Message of(Row row) {
            return new Message(row.getLong("id"), row.getString("message_id"), row.getString("topic"),
                    row.getString("message_key"), row.getString("type"), row.getString("payload"),
                    row.getOffsetDateTime("created_at"), row.getString("traceparent"));
        }

        static Message of(Outbox.Row row) {
            return new Message(0, row.messageId(), row.topic(), row.messageKey(), row.type(), row.payload(),
                    Instant.parse(row.createdAt()).atOffset(ZoneOffset.UTC), row.traceparent());
        }
    }

    private Uni<List<Outcome>> sendAll(List<Message> messages, Context context) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        KafkaProducer<String, String> kafkaProducer = producer();
        List<Uni<Outcome>> sends = new ArrayList<>(messages.size());
        for (Message message : messages) {
            sends.add(sendOne(kafkaProducer, message)); // handed to the producer in id order
        }
        Uni<List<Outcome>> outcomes = Uni.join().all(sends).andFailFast();
        return context == null ? outcomes
                : outcomes.emitOn(command -> context.runOnContext(ignored -> command.run()));
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

    private Uni<Outcome> sendOne(KafkaProducer<String, String> kafkaProducer, Message message) {
        String topic = message.topic();
        long read = stages.readFromOutbox(topic, message.createdAt());
        ProducerRecord<String, String> record = records.record(topic, message.key(), message.messageId(), message.type(),
                message.createdAt(), message.payload());
        Span span = spans.start(record, message.traceparent());
        return send(kafkaProducer, record).onItemOrFailure().transform((sent, failure) -> {
            RelaySpans.end(span, failure);
            if (failure == null) {
                stages.sent(topic, read);
            }
            return new Outcome(message.id(), message.messageId(), message.type(), topic, failure);
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
