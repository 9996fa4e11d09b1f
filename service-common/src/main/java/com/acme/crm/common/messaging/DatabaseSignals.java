package com.acme.crm.common.messaging;

import com.acme.crm.common.persistence.WriteBehind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * PostgreSQL LISTEN/NOTIFY for the service's own database: one connection listens for every
 * channel, so a commit on any replica wakes the code waiting for it on every replica. A handler
 * also runs whenever the channel is (re)subscribed, since notifications sent while the connection
 * was down are lost: handlers re-read the state, they never trust a payload.
 */
@ApplicationScoped
public class DatabaseSignals {

    private static final Logger LOG = Logger.getLogger(DatabaseSignals.class);

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String databaseUser;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String databasePassword;

    private PgSubscriber subscriber;

    /** Runs {@code handler} (on an event loop) on every NOTIFY of {@code channel} that commits, and after each (re)connection. */
    public synchronized void listen(String channel, Runnable handler) {
        listenWithPayload(channel, payload -> handler.run());
    }

    /**
     * As {@link #listen(String, Runnable)}, given each notification's payload; after a (re)connection, when any
     * payload may have been missed, given null.
     */
    public synchronized void listenWithPayload(String channel, Consumer<String> handler) {
        PgSubscriber connection = connection();
        connection.channel(channel)
                .subscribeHandler(() -> handler.accept(null))
                .handler(handler);
    }

    /**
     * NOTIFY {@code channel} when the caller's transaction commits (nothing if it rolls back). Joins
     * the caller's Hibernate Reactive transaction; within a {@link WriteBehind} unit (a batch) one statement
     * per channel at its end, however many of its works signalled (PostgreSQL would fold them into one anyway).
     * {@code channel} is a name in the code (an SQL identifier), never input.
     */
    public Uni<Void> notifyAtCommit(String channel) {
        if (!IDENTIFIER.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        return WriteBehind.add(notify, channel);
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final WriteBehind.Rows<String> notify = this::notifyEach;

    // NOTIFY as a statement (one SQL text per channel, nothing to map): a select of pg_notify would be a native
    // select without a named mapping, planned again on every call (docs/performance.md, the plan-cache trap)
    private Uni<Void> notifyEach(List<String> channels) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String channel : new LinkedHashSet<>(channels)) {
            chain = chain.chain(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery("notify " + channel).executeUpdate())
                    .replaceWithVoid());
        }
        return chain;
    }

    /**
     * A connection of its own to the service's database, outside the pool, for code that keeps one for its whole life
     * (the outbox relay pipelines its statements on it); the caller closes it.
     */
    public Uni<PgConnection> dedicatedConnection() {
        return PgConnection.connect(vertx, options().setCachePreparedStatements(true));
    }

    private PgConnectOptions options() {
        return PgConnectOptions.fromUri(databaseUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(databaseUser)
                .setPassword(databasePassword);
    }

    private PgSubscriber connection() {
        if (subscriber == null) {
            subscriber = PgSubscriber.subscriber(vertx, options()).reconnectPolicy(retries -> 1_000L);
            subscriber.connect().subscribe().with(ok -> { }, failure -> LOG.warnf(
                    "cannot LISTEN on the database (%s); waiting code falls back to polling", failure.getMessage()));
        }
        return subscriber;
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }
}
