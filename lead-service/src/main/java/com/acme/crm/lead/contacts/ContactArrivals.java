package com.acme.crm.lead.contacts;

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
 * A contact's arrival in the copy as a signal, for adding a stakeholder whose contact was created a
 * moment ago (SPEC §10): the transaction that copies a new contact NOTIFYs the lead database, and
 * every replica's waiters for a contact now in the copy are woken at once, whichever replica
 * consumed its event. A waiter also looks again every {@code crm.stakeholders.contact-recheck} in
 * case a notification was lost with the listening connection. (The same shape as the qualification's
 * AttemptEnds.)
 */
@ApplicationScoped
public class ContactArrivals {

    private static final Logger LOG = Logger.getLogger(ContactArrivals.class);
    static final String CHANNEL = "contact_copied";

    @Inject
    DatabaseSignals signals;

    @Inject
    Pool pool;

    @ConfigProperty(name = "crm.stakeholders.contact-recheck", defaultValue = "PT1S")
    Duration recheck;

    /** Who waits for which contact: each waiter's wake-up. */
    private final Map<UUID, List<Runnable>> waiting = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        signals.listen(CHANNEL, this::wakeArrived);
    }

    /** In the transaction that copies a new contact: every replica hears it when it commits. */
    public Uni<Void> announce() {
        return signals.notifyAtCommit(CHANNEL);
    }

    /**
     * Completes (on {@code request}, the caller's Vert.x context) when contact {@code id} may have
     * arrived, or at {@code until} or after the recheck interval, whichever comes first: the caller
     * then reads the copy again.
     */
    public Uni<Void> signalOrPause(UUID id, Instant until, Context request) {
        long millis = Math.max(1, Math.min(recheck.toMillis(), Duration.between(Instant.now(), until).toMillis()));
        return Uni.createFrom().emitter(done -> {
            Runnable wake = () -> request.runOnContext(ignored -> done.complete(null));
            waiting.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(wake);
            long timer = request.owner().setTimer(millis, fired -> wake.run());
            wakeArrived(new UUID[] {id}); // it may have arrived between the caller's read and now
            done.onTermination(() -> {
                request.owner().cancelTimer(timer);
                waiting.computeIfPresent(id, (key, list) -> {
                    list.remove(wake);
                    return list.isEmpty() ? null : list;
                });
            });
        });
    }

    /** Some contacts arrived somewhere: wake the waiters of those now in the copy (one query, only while someone waits). */
    private void wakeArrived() {
        if (!waiting.isEmpty()) {
            wakeArrived(waiting.keySet().toArray(UUID[]::new));
        }
    }

    private void wakeArrived(UUID[] ids) {
        pool.preparedQuery("select id from contact_copy where id = any($1)")
                .execute(Tuple.of(ids))
                .subscribe().with(rows -> {
                    for (Row row : rows) {
                        List<Runnable> waiters = waiting.get(row.getUUID("id"));
                        if (waiters != null) {
                            waiters.forEach(Runnable::run);
                        }
                    }
                }, failure -> LOG.debugf("cannot look up arrived contacts (%s); waiters look again shortly", failure.getMessage()));
    }
}
