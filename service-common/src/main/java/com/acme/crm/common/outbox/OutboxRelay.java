package com.acme.crm.common.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends committed outbox messages to Kafka as CloudEvents (binary mode), oldest first, then
 * deletes them. Woken at once by PostgreSQL (a trigger NOTIFYs on commit of an insert), and
 * by a slow poll in case a notification was missed.
 *
 * <p>Guarantees: nothing is lost (a row is deleted only after Kafka acknowledged it), messages
 * keep their order per key (one relay at a time across all replicas, held by an advisory lock,
 * sends in id order through an idempotent producer), a crash between send and delete repeats
 * messages with the same {@code ce_id}, and the table holds only what is not sent yet.
 *
 * <p>Written by hand: Quarkus has no outbox; Debezium would need Kafka Connect.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any fixed number: the advisory lock that makes one relay at a time per database. */
    private static final long RELAY_LOCK = 7_413_289_001L;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> kafka;

    @ConfigProperty(name = "crm.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String databaseUser;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String databasePassword;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private PgSubscriber subscriber;

    void start(@Observes StartupEvent event, MeterRegistry metrics) {
        metrics.gauge("crm.outbox.backlog", backlog);
    }

    /** LISTEN from the first poll on: by then the Kafka channel is wired (at startup it may not be yet). */
    private void listen() {
        PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(databaseUser)
                .setPassword(databasePassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscriber.channel("outbox").handler(payload -> wake());
        subscriber.connect().subscribe().with(ok -> wake(), failure -> LOG.warnf(
                "outbox relay cannot LISTEN (%s); relying on polling", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    // not before start-up is over: the Kafka channel is wired during start-up
    @Scheduled(every = "${crm.outbox.poll-interval:1s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (subscriber == null) {
            listen();
        }
        wake();
    }

    /** Starts draining unless a drain is running; then that drain goes round once more. */
    public void wake() {
        wokenWhileDraining.set(true);
        if (draining.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        wokenWhileDraining.set(false);
        relayBatch().subscribe().with(sent -> {
            if (sent == batchSize || wokenWhileDraining.get()) {
                drain();
            } else {
                finishDraining();
            }
        }, failure -> {
            LOG.warnf("outbox relay failed, will retry: %s", failure.getMessage());
            finishDraining();
        });
    }

    private void finishDraining() {
        draining.set(false);
        // a wake-up that raced with the end of the last round must not be lost
        if (wokenWhileDraining.get() && draining.compareAndSet(false, true)) {
            drain();
        }
    }

    /** One transaction: lock, read a batch in order, send it, delete what Kafka acknowledged. */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_try_advisory_xact_lock($1) as locked").execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean("locked")
                        ? sendOldest(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> sendOldest(SqlConnection connection) {
        return connection.preparedQuery("""
                        select id, message_id, topic, message_key, type, payload, created_at, traceparent
                        from outbox_message order by id limit $1""")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        backlog.set(0);
                        return Uni.createFrom().item(0);
                    }
                    List<Long> ids = new ArrayList<>(rows.size());
                    List<Uni<Void>> sends = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        sends.add(send(row)); // handed to the producer in id order
                    }
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> connection.preparedQuery("delete from outbox_message where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .chain(() -> countBacklog(connection))
                            .replaceWith(ids.size());
                });
    }

    private Uni<Void> countBacklog(SqlConnection connection) {
        return connection.query("select count(*) from outbox_message").execute()
                .invoke(rows -> backlog.set(rows.iterator().next().getLong(0)))
                .replaceWithVoid();
    }

    private Uni<Void> send(Row row) {
        String key = row.getString("message_key");
        Message<String> message = Message.of(row.getString("payload"))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.getString("topic"))
                        .withKey(key)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.getString("message_id"))
                        .withType(row.getString("type"))
                        .withSource(URI.create("/" + serviceName))
                        .withSubject(key)
                        .withDataContentType("application/json")
                        .withTimestamp(row.getOffsetDateTime("created_at").toZonedDateTime())
                        .build());
        String traceparent = row.getString("traceparent");
        if (traceparent != null) {
            // the connector's producer span becomes a child of the writer's span and goes out as the traceparent header
            message = message.addMetadata(TracingMetadata.withCurrent(TraceParent.restore(traceparent)));
        }
        return kafka.sendMessage(message);
    }

}
