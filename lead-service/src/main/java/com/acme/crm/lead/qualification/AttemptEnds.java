package com.acme.crm.lead.qualification;

import com.acme.crm.common.messaging.DatabaseSignals;
import com.acme.crm.common.messaging.SignalledWaits;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The end of a qualification attempt as a signal, for {@code Prefer: wait}: after the transaction that
 * ends attempts commits, the lead database is NOTIFYed, and the waiters for an attempt now final are woken on
 * every replica, whichever replica handled the reply (rechecked every {@code crm.qualification.wait-recheck}).
 */
@ApplicationScoped
public class AttemptEnds {

    static final String CHANNEL = "qualification_ended";

    @Inject
    DatabaseSignals signals;

    @Inject
    Pool pool;

    @ConfigProperty(name = "crm.qualification.wait-recheck", defaultValue = "PT1S")
    Duration recheck;

    private SignalledWaits waits;

    @PostConstruct
    void create() {
        waits = new SignalledWaits(signals, pool, CHANNEL,
                "select id from qualification where id = any($1) and status <> 'IN_PROGRESS'", recheck);
    }

    void start(@Observes StartupEvent event) {
        waits.listen();
    }

    /** In the transaction that ends attempt {@code id}: every replica hears it after it commits, this one's waiters at once. */
    public Uni<Void> announce(UUID id) {
        return waits.announce(id);
    }

    /** As {@link #announce(UUID)}, without a Uni, given the transaction's session (a reply batch's, a sweep's). */
    public void announce(Mutiny.Session session, UUID id) {
        waits.announce(session, id);
    }

    /** Completes when attempt {@code id} may have ended, at {@code until}, or after the recheck interval: the caller reads it again. */
    public Uni<Void> signalOrPause(UUID id, Instant until, Context request) {
        return waits.signalOrPause(id, until, request);
    }
}
