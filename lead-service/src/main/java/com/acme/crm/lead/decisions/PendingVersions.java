package com.acme.crm.lead.decisions;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.qualification.Qualification;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.HashMap;
import java.util.Map;

/**
 * The leads and attempts a unit's decisions (a {@link WriteBehind} batch: a poll of replies, a timeout sweep)
 * changed, and how often. The first change of an entity in the unit makes it read-only in the session, so
 * Hibernate neither dirty-checks nor flushes it (one update statement per row and change otherwise); its final
 * state is written at the unit's end with every other changed row of its table by one statement
 * ({@link RowUpdates}), its version stepped once per change. So the version the row will have after the
 * {@code n}-th change is the loaded one plus {@code n}: that is what the change's event carries, and what is stored
 * after the last. Outside a unit (a REST call) nothing is tracked: the caller flushes before an event, as always.
 */
final class PendingVersions {

    /** One changed entity of the unit: its version as loaded and its changes so far. */
    static final class Pending<E> {
        final E entity;
        final long loaded;
        int changes;

        Pending(E entity, long loaded) {
            this.entity = entity;
            this.loaded = loaded;
        }
    }

    private static final Object LEADS = Lead.class;
    private static final Object ATTEMPTS = Qualification.class;

    private PendingVersions() {
    }

    /** Whether a unit is running (changes are tracked and written set-based at its end). */
    static boolean inUnit() {
        return WriteBehind.local(LEADS, HashMap::new) != null;
    }

    /**
     * Records a change of {@code lead} by the running unit; its pending row is queued at its first (no Uni: the unit's
     * work may end at once). @return its changes so far
     */
    static int change(Mutiny.Session session, Lead lead, WriteBehind.Rows<Pending<Lead>> writer) {
        return changed(session, lead, lead.id, lead.version, LEADS, writer);
    }

    /** The same for an attempt's row. */
    static int change(Mutiny.Session session, Qualification attempt, WriteBehind.Rows<Pending<Qualification>> writer) {
        return changed(session, attempt, attempt.id, attempt.version, ATTEMPTS, writer);
    }

    /** How many changes of {@code lead} the running unit has pending (0: none, or no unit). */
    static int changesOf(Lead lead) {
        Map<Object, Pending<?>> pending = WriteBehind.local(LEADS, HashMap::new);
        Pending<?> found = pending == null ? null : pending.get(lead.id);
        return found == null ? 0 : found.changes;
    }

    private static <E> int changed(Mutiny.Session session, E entity, Object id, long version, Object table,
                                WriteBehind.Rows<Pending<E>> writer) {
        Map<Object, Pending<?>> pending = WriteBehind.local(table, HashMap::new);
        @SuppressWarnings("unchecked")
        Pending<E> row = (Pending<E>) pending.get(id);
        if (row == null) {
            // before the decision touches it: Hibernate must never see it dirty (an auto-flush would update it)
            session.setReadOnly(entity, true);
            Pending<E> first = new Pending<>(entity, version);
            pending.put(id, first);
            WriteBehind.queue(writer, first);
            return ++first.changes;
        }
        return ++row.changes;
    }
}
