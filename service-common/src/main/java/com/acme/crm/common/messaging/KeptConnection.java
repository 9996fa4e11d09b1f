package com.acme.crm.common.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;

import java.util.function.Supplier;

/**
 * A database connection that one component keeps for its whole life, outside the pool: opened at first use, and again
 * at the first use after it closed or was closed after a failure. Used by one caller at a time (its own ordering).
 */
public final class KeptConnection {

    private final Supplier<Uni<PgConnection>> connect;
    /** Null until connected, or after the connection closed. */
    private volatile PgConnection connection;

    public KeptConnection(Supplier<Uni<PgConnection>> connect) {
        this.connect = connect;
    }

    public Uni<PgConnection> get() {
        PgConnection current = connection;
        if (current != null) {
            return Uni.createFrom().item(current);
        }
        return connect.get().invoke(opened -> {
            connection = opened;
            opened.closeHandler(() -> {
                if (connection == opened) {
                    connection = null;
                }
            });
        });
    }

    /** Closes it (which rolls back a transaction it had open); the next {@link #get} connects again. */
    public Uni<Void> close() {
        PgConnection current = connection;
        connection = null;
        return current == null ? Uni.createFrom().voidItem() : current.close().onFailure().recoverWithNull();
    }
}
