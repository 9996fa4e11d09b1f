package com.acme.crm.common.steps;

import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.persistence.WriteStatement;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The qualification attempts a saga step (account-service's, opportunity-service's: each has this table,
 * {@code undone_attempt}) makes nothing for any more: those compensated, and those it answered without records
 * (account-service: duplicates reported or a rejection; opportunity-service: a rejection). The lead ends an attempt on
 * such an answer, so nothing of it exists there to undo; and a command of it delivered again must not make records
 * now, though it might succeed by then (the duplicates it reported renamed or removed, the failures that made it give
 * up over). Each step looks the table up before it acts and ignores or rejects a command of an undone attempt: that is
 * what makes the steps' commands idempotent by their state, without an inbox row (their consumers'
 * {@code Handling.IdempotentByState}).
 */
@ApplicationScoped
public class UndoneAttempts {

    private static final String INSERT = """
            insert into undone_attempt (qualification_id)
            select unnest(cast(cast(:ids as text) as uuid[])) on conflict do nothing""";

    /**
     * Answers without records wait in {@link WriteBehind} for the batch's end: one statement a batch, however many,
     * joined with the batch's other writes (nothing else of a batch writes or reads this table at its end).
     */
    private final WriteBehind.Joinable<UUID> writer = (session, attempts) -> insert(attempts);

    /** The attempt was answered without records: recorded with the running unit's other rows (at once outside one). */
    public Uni<Void> answeredWithoutRecords(UUID attempt) {
        return WriteBehind.add(writer, attempt);
    }

    /** As {@link #answeredWithoutRecords}, for a work that ends at once: it waits in the running unit (there must be one). */
    public void queueAnsweredWithoutRecords(UUID attempt) {
        WriteBehind.queue(writer, attempt);
    }

    /** Recorded now (an undo removes the attempt's records after it). */
    public Uni<Void> undone(UUID attempt) {
        return writer.write(List.of(attempt));
    }

    /** Writes the waiting answers now, for a look-up of this transaction that must see them (a command loading alone). */
    public Uni<Void> writeWaiting() {
        return WriteBehind.writeNow(writer);
    }

    private static WriteStatement insert(List<UUID> attempts) {
        return WriteStatement.of(INSERT, Map.of("ids", NativeValues.uuidArray(new LinkedHashSet<>(attempts))));
    }
}
