package com.acme.crm.common.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends NOTIFYs after the commits they announce, on a connection of its own, coalesced: at most one statement in
 * flight; the signals asked for while it runs are sent together by the next one, each (channel, payload) once.
 * Listeners re-read the state on every signal, so one signal after a commit stands for any number of commits before
 * it. The connection's session has {@code synchronous_commit=off} (given by {@code connect}): a NOTIFY takes an xid,
 * and PostgreSQL holds its cluster-wide notify lock until the commit is done, so with {@code on} every signal would
 * flush WAL under that lock. A signal lost to a crash (or to a failed send, logged) is what the listeners' re-read
 * at (re)subscription, the relay's safety poll and the waits' re-check cover.
 *
 * <p>Written by hand: the Vert.x client has no coalescing sender.
 */
final class SignalSender {

    private static final Logger LOG = Logger.getLogger(SignalSender.class);

    /** One NOTIFY: a channel and a payload ("" for none), both names in the code. */
    record Signal(String channel, String payload) {
        String statement() {
            return payload.isEmpty() ? "notify " + channel : "notify " + channel + ", '" + payload + "'";
        }
    }

    /** Guarded by this: the signals asked for since the statement in flight was sent, and whether one is. */
    private final Set<Signal> waiting = new LinkedHashSet<>();
    private boolean sending;
    /** Used by one send at a time (the sending flag orders them). */
    private final KeptConnection connection;

    SignalSender(Supplier<Uni<PgConnection>> connect) {
        this.connection = new KeptConnection(connect);
    }

    /** Sends {@code signal} now, or right after the statement in flight (with whatever else was asked meanwhile). */
    void send(Signal signal) {
        synchronized (this) {
            waiting.add(signal);
            if (sending) {
                return;
            }
            sending = true;
        }
        sendWaiting();
    }

    private void sendWaiting() {
        List<Signal> batch;
        synchronized (this) {
            if (waiting.isEmpty()) {
                sending = false;
                return;
            }
            batch = new ArrayList<>(waiting);
            waiting.clear();
        }
        // one simple query: one implicit transaction, so the notify lock is taken once for the whole batch
        String statements = String.join("; ", batch.stream().map(Signal::statement).toList());
        connection.get()
                .chain(opened -> opened.query(statements).execute())
                .subscribe().with(done -> sendWaiting(), failure -> {
                    LOG.warnf("cannot send %s (%s); listeners re-check on their own", batch, failure.getMessage());
                    close();
                    sendWaiting();
                });
    }

    void close() {
        connection.close().subscribe().with(ok -> { }, failure -> { });
    }
}
