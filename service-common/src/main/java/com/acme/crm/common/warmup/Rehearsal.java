package com.acme.crm.common.warmup;

import io.smallrye.mutiny.Uni;

/**
 * A service's real handling of one synthetic message (e.g. a command for a lead that does not
 * exist), run once by {@link WarmUp} before the service reports ready, so that the first real
 * message does not pay for cold code (class loading, Hibernate's first queries, Jackson's first
 * readers and writers). {@link WarmUp} runs it in a transaction it rolls back, so what it writes
 * (rows, outbox messages and the NOTIFY of their triggers) never leaves; the rehearsal itself must
 * touch nothing outside the database: no metric, no in-process signal.
 */
public interface Rehearsal {

    /** Does the work inside the caller's transaction (which is rolled back). */
    Uni<Void> run();
}
