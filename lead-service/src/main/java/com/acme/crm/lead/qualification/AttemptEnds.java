package com.acme.crm.lead.qualification;

import com.acme.crm.common.messaging.DatabaseSignals;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The end of a qualification attempt as a signal, for {@code Prefer: wait}: the transaction that
 * ends attempts NOTIFYs the lead database, and every replica's waiters for an attempt that is now
 * final are woken at once, whichever replica handled the reply. A waiter also looks again every
 * {@code crm.qualification.wait-recheck} in case a notification was lost with the listening connection.
 */
@ApplicationScoped
public class AttemptEnds {

    private static final Logger LOG = Logger.getLogger(AttemptEnds.class);
    static final String CHANNEL = "qualification_ended";

    @Inject
    DatabaseSignals signals;

    @Inject
    Pool pool;

    @ConfigProperty(name = "crm.qualification.wait-recheck", defaultValue = "PT1S")
    Duration recheck;

    /** Who waits for which attempt: each waiter's wake-up. */
    private final Map<UUID, List<Runnable>> waiting = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        signals.listen(CHANNEL, this::wakeFinished);
    }

    /** In the transaction that ends an attempt: every replica hears it when it commits. */
    public Uni<Void> announce() {
        return signals.notifyAtCommit(CHANNEL);
    }

    /**
     * Completes (on {@code request}, the caller's Vert.x context) when attempt {@code id} may have
     * ended, or at {@code until} or after the recheck interval, whichever comes first: the caller
     * then reads the attempt again.
     */
    public Uni<Void> signalOrPause(UUID id, Instant until, Context request) {
        long millis = Math.max(1, Math.min(recheck.toMillis(), Duration.between(Instant.now(), until).toMillis()));
        return Uni.createFrom().emitter(done -> {
            Runnable wake = () -> request.runOnContext(ignored -> done.complete(null));
            waiting.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(wake);
            long timer = request.owner().setTimer(millis, fired -> wake.run());
            wakeFinished(new UUID[] {id}); // it may have ended between the caller's read and now
            done.onTermination(() -> {
                request.owner().cancelTimer(timer);
                waiting.computeIfPresent(id, (key, list) -> {
                    list.remove(wake);
                    return list.isEmpty() ? null : list;
                });
            });
        });
    }

    /** Some attempts ended somewhere: wake the waiters of those now final (one query, only while someone waits). */
    private void wakeFinished() {
        if (!waiting.isEmpty()) {
            wakeFinished(waiting.keySet().toArray(UUID[]::new));
        }
    }

    private void wakeFinished(UUID[] ids) {
        pool.preparedQuery("select id from qualification where id = any($1) and status <> 'IN_PROGRESS'")
                .execute(Tuple.of(ids))
                .subscribe().with(rows -> {
                    for (Row row : rows) {
                        List<Runnable> waiters = waiting.get(row.getUUID("id"));
                        if (waiters != null) {
                            waiters.forEach(Runnable::run);
                        }
                    }
                }, failure -> LOG.debugf("cannot look up ended attempts (%s); waiters look again shortly", failure.getMessage()));
    }
}
