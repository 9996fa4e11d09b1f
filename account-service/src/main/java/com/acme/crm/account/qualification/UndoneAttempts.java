package com.acme.crm.account.qualification;

import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.persistence.WriteBehind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * The attempts this step makes nothing for any more (table {@code undone_attempt}, read by {@link AttemptLookup}):
 * those compensated, and those it answered without records (duplicates reported, rejected). The lead ends an attempt
 * on such an answer, so nothing of it exists here to undo, and a resolve of it delivered again must not make records
 * now: the duplicates it reported may have been renamed or removed since, and a rejection after failures that would
 * not last may succeed on a repeat. So a resolve of an undone attempt is rejected (ResolveDecision), which is what
 * makes a resolve idempotent by this service's state without an inbox row (AccountCommandConsumer).
 */
@ApplicationScoped
public class UndoneAttempts {

    private static final String INSERT = """
            insert into undone_attempt (qualification_id)
            select unnest(cast(cast(:ids as text) as uuid[])) on conflict do nothing""";

    /** Answers without records wait in {@link WriteBehind} for the batch's end: one statement a batch, however many. */
    private final WriteBehind.Rows<UUID> writer = this::insert;

    /** The attempt was answered without records: recorded with the running unit's other rows (at once outside one). */
    Uni<Void> answeredWithoutRecords(UUID attempt) {
        return WriteBehind.add(writer, attempt);
    }

    /** Recorded now (an undo reads the attempt's records after it). */
    Uni<Void> undone(UUID attempt) {
        return insert(List.of(attempt));
    }

    /** Writes the waiting answers now, for a look-up of this transaction that must see them (a resolve loading alone). */
    Uni<Void> writeWaiting() {
        return WriteBehind.writeNow(writer);
    }

    private Uni<Void> insert(List<UUID> attempts) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("ids", NativeValues.uuidArray(new LinkedHashSet<>(attempts)))
                .executeUpdate()).replaceWithVoid();
    }
}
