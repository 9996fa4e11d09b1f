package com.acme.crm.common.messaging;

import com.acme.crm.common.messaging.SignalSender.Signal;
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
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * PostgreSQL LISTEN/NOTIFY for the service's own database: one connection listens for every
 * channel, so a commit on any replica wakes the code waiting for it on every replica (the writer NOTIFYs after its
 * commit, on a connection of its own: {@link #signalAfterCommit}). A handler
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
     * NOTIFY {@code channel} once the caller's transaction (Hibernate Reactive's, which it joins) has committed; nothing
     * if it rolls back. Sent from outside that transaction ({@link SignalSender}): a transaction that NOTIFYs holds
     * PostgreSQL's cluster-wide notify lock from its commit's start to its end, WAL flush included, so every notifying
     * commit of every service's database would commit alone, one after another. {@code channel} and {@code payload}
     * are names in the code (SQL identifiers), never input; an empty payload is none.
     */
    public Uni<Void> signalAfterCommit(String channel, String payload) {
        Signal signal = signal(channel, payload);
        return Panache.getSession().invoke(session -> AfterCommit.run(session, () -> sender.send(signal))).replaceWithVoid();
    }

    /**
     * As {@link #signalAfterCommit(String)}, without a Uni, for a work that ends at once and holds the running
     * transaction's {@code session} (a consumer batch's preparation kept it).
     */
    public void signalAfterCommit(Mutiny.Session session, String channel) {
        Signal signal = signal(channel, "");
        AfterCommit.run(session, () -> sender.send(signal));
    }

    /** As {@link #signalAfterCommit(String, String)} without a payload. */
    public Uni<Void> signalAfterCommit(String channel) {
        return signalAfterCommit(channel, "");
    }

    /**
     * NOTIFY {@code channel} now: for a caller that has seen its commit end (a transaction on the reactive pool, or
     * Hibernate's {@link AfterCommit}).
     */
    public void signalCommitted(String channel, String payload) {
        sender.send(signal(channel, payload));
    }

    private static Signal signal(String channel, String payload) {
        if (!IDENTIFIER.matcher(channel).matches() || !(payload.isEmpty() || IDENTIFIER.matcher(payload).matches())) {
            throw new IllegalArgumentException("not a channel name and payload: " + channel + ", " + payload);
        }
        return new Signal(channel, payload);
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final SignalSender sender = new SignalSender(() -> dedicatedConnection(Map.of("synchronous_commit", "off")));

    /**
     * A connection of its own to the service's database, outside the pool, for code that keeps one for its whole life
     * (the outbox relay pipelines its statements on it), with these session settings; the caller closes it.
     */
    public Uni<PgConnection> dedicatedConnection(Map<String, String> sessionSettings) {
        PgConnectOptions options = options().setCachePreparedStatements(true);
        sessionSettings.forEach(options::addProperty); // sent at connect, as the pool sends its own
        return PgConnection.connect(vertx, options);
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
        sender.close();
    }
}
