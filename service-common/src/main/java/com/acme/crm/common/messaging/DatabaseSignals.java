package com.acme.crm.common.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

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
        PgSubscriber connection = connection();
        connection.channel(channel)
                .subscribeHandler(handler)
                .handler(payload -> handler.run());
    }

    /**
     * NOTIFY {@code channel} when the caller's transaction commits (nothing if it rolls back). Joins
     * the caller's Hibernate Reactive transaction; PostgreSQL delivers identical notifications of
     * one transaction once, so a batch that signals many times costs one.
     */
    public Uni<Void> notifyAtCommit(String channel) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select pg_notify(:channel, '')")
                .setParameter("channel", channel)
                .getSingleResult()).replaceWithVoid();
    }

    private PgSubscriber connection() {
        if (subscriber == null) {
            PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl.replaceFirst("^vertx-reactive:", ""))
                    .setUser(databaseUser)
                    .setPassword(databasePassword);
            subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
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
