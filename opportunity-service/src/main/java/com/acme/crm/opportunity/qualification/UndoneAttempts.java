package com.acme.crm.opportunity.qualification;

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
 * those compensated, and those it rejected. The lead ends an attempt on a rejection, and a CreateOpportunity
 * delivered again after a rejection that followed failures which would not last might succeed now; so anything for an
 * undone attempt is ignored ({@link OpportunityStepDecision}), which is what makes the commands idempotent by this
 * service's state without an inbox row (OpportunityCommandConsumer). As account-service's {@code UndoneAttempts}.
 */
@ApplicationScoped
public class UndoneAttempts {

    private static final String INSERT = """
            insert into undone_attempt (qualification_id)
            select unnest(cast(cast(:ids as text) as uuid[])) on conflict do nothing""";

    /** Rejections wait in {@link WriteBehind} for the batch's end: one statement a batch, however many. */
    private final WriteBehind.Rows<UUID> writer = this::insert;

    /** The attempt was rejected: recorded with the running unit's other rows (at once outside one). */
    Uni<Void> rejected(UUID attempt) {
        return WriteBehind.add(writer, attempt);
    }

    /** Recorded now (an undo removes the attempt's opportunity after it). */
    Uni<Void> undone(UUID attempt) {
        return insert(List.of(attempt));
    }

    private Uni<Void> insert(List<UUID> attempts) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("ids", NativeValues.uuidArray(new LinkedHashSet<>(attempts)))
                .executeUpdate()).replaceWithVoid();
    }
}
