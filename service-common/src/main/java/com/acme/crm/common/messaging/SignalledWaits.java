package com.acme.crm.common.messaging;

import com.acme.crm.common.persistence.WriteBehind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Requests waiting for rows that another transaction makes ready (an attempt that ends, a contact
 * that arrives), woken by a {@link DatabaseSignals} channel: the writer NOTIFYs after its commit, and
 * every replica's waiters for an id now ready are woken at once, whichever replica wrote it. A
 * waiter also looks again every {@code recheck}, in case a notification was lost with the
 * listening connection. {@code readySql} takes the ids waited for as {@code $1} and selects
 * {@code id} of those ready.
 */
public final class SignalledWaits {

    private static final Logger LOG = Logger.getLogger(SignalledWaits.class);

    private final DatabaseSignals signals;
    private final Pool pool;
    private final String channel;
    private final String readySql;
    private final Duration recheck;

    /** Who waits for which id: each waiter's wake-up. */
    private final Map<UUID, List<Runnable>> waiting = new ConcurrentHashMap<>();

    public SignalledWaits(DatabaseSignals signals, Pool pool, String channel, String readySql, Duration recheck) {
        this.signals = signals;
        this.pool = pool;
        this.channel = channel;
        this.readySql = readySql;
        this.recheck = recheck;
    }

    /** At startup: hear the channel from now on. */
    public void listen() {
        signals.listen(channel, this::wakeReady);
    }

    /**
     * In the transaction that makes {@code id} ready: every replica hears it after it commits (a NOTIFY sent then), and
     * this replica's waiters for it are woken right after the commit ({@link WriteBehind#afterCommit}), without waiting
     * for the notification to come back from the database and the look-up it leads to. A waiter reads the row again
     * either way.
     */
    public Uni<Void> announce(UUID id) {
        WriteBehind.afterCommit(() -> wake(id));
        return signals.signalAfterCommit(channel);
    }

    /** As {@link #announce(UUID)}, without a Uni, given the running transaction's {@code session}. */
    public void announce(Mutiny.Session session, UUID id) {
        WriteBehind.afterCommit(() -> wake(id));
        signals.signalAfterCommit(session, channel);
    }

    /**
     * Completes (on {@code request}, the caller's Vert.x context) when {@code id} may be ready, or at
     * {@code until} or after the recheck interval, whichever comes first: the caller then reads it again.
     */
    public Uni<Void> signalOrPause(UUID id, Instant until, Context request) {
        long millis = Math.max(1, Math.min(recheck.toMillis(), Duration.between(Instant.now(), until).toMillis()));
        return Uni.createFrom().emitter(done -> {
            Runnable wake = () -> request.runOnContext(ignored -> done.complete(null));
            waiting.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(wake);
            long timer = request.owner().setTimer(millis, fired -> wake.run());
            wakeReady(new UUID[] {id}); // it may have become ready between the caller's read and now
            done.onTermination(() -> {
                request.owner().cancelTimer(timer);
                waiting.computeIfPresent(id, (key, list) -> {
                    list.remove(wake);
                    return list.isEmpty() ? null : list;
                });
            });
        });
    }

    /** Something became ready somewhere: wake the waiters of the ids now ready (one query, only while someone waits). */
    private void wakeReady() {
        if (!waiting.isEmpty()) {
            wakeReady(waiting.keySet().toArray(UUID[]::new));
        }
    }

    private void wakeReady(UUID[] ids) {
        pool.preparedQuery(readySql)
                .execute(Tuple.of(ids))
                .subscribe().with(rows -> {
                    for (Row row : rows) {
                        wake(row.getUUID("id"));
                    }
                }, failure -> LOG.debugf("cannot look up %s (%s); waiters look again shortly", channel, failure.getMessage()));
    }

    private void wake(UUID id) {
        List<Runnable> waiters = waiting.get(id);
        if (waiters != null) {
            waiters.forEach(Runnable::run);
        }
    }
}
