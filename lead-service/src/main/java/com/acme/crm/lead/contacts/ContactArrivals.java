package com.acme.crm.lead.contacts;

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

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A contact's arrival in the copy as a signal, for adding a stakeholder whose contact was created a
 * moment ago (SPEC §10): after the transaction that copies a new contact commits, the lead database
 * is NOTIFYed, and the waiters for it are woken on every replica, whichever replica consumed its event (rechecked
 * every {@code crm.stakeholders.contact-recheck}).
 */
@ApplicationScoped
public class ContactArrivals {

    static final String CHANNEL = "contact_copied";

    @Inject
    DatabaseSignals signals;

    @Inject
    Pool pool;

    @ConfigProperty(name = "crm.stakeholders.contact-recheck", defaultValue = "PT1S")
    Duration recheck;

    private SignalledWaits waits;

    @PostConstruct
    void create() {
        waits = new SignalledWaits(signals, pool, CHANNEL, "select id from contact_copy where id = any($1)", recheck);
    }

    void start(@Observes StartupEvent event) {
        waits.listen();
    }

    /** In the transaction that copies new contact {@code id}: every replica hears it after it commits, this one's waiters at once. */
    public Uni<Void> announce(UUID id) {
        return waits.announce(id);
    }

    /** Completes when contact {@code id} may have arrived, at {@code until}, or after the recheck interval: the caller reads the copy again. */
    public Uni<Void> signalOrPause(UUID id, Instant until, Context request) {
        return waits.signalOrPause(id, until, request);
    }
}
