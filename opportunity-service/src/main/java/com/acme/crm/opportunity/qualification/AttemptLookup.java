package com.acme.crm.opportunity.qualification;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * What a CreateOpportunity must know before it decides, read in one statement (one round trip):
 * whether its attempt was undone, and the attempt's opportunity if it has one, update-locked so a
 * chunk, a repeat and an undo of one attempt take turns even across a rebalance.
 */
@ApplicationScoped
public class AttemptLookup {

    private static final String LOOKUP = """
            with existing as (select id from opportunity where created_by_qualification = :attempt for update)
            select 'OPPORTUNITY' as what, id from existing
            union all select 'UNDONE', null from undone_attempt where qualification_id = :attempt""";

    /**
     * The rows' mapping, declared on {@link com.acme.crm.opportunity.Opportunity}: a native query read as plain
     * Object[] would get a new mapping each time, which Hibernate 7.1's query plan cache cannot find again (every
     * call adds an entry, all with one hash code); a named mapping is found.
     */
    public static final String ROW = "AttemptLookup.row";

    /** {@code opportunity} null when the attempt has none. */
    public record Found(boolean undone, UUID opportunity) {
    }

    public Uni<Found> find(UUID qualificationId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOOKUP, session.getResultSetMapping(Object[].class, ROW))
                        .setParameter("attempt", qualificationId)
                        .getResultList())
                .map(AttemptLookup::found);
    }

    private static Found found(List<Object[]> rows) {
        boolean undone = false;
        UUID opportunity = null;
        for (Object[] row : rows) {
            if ("UNDONE".equals(row[0])) {
                undone = true;
            } else {
                opportunity = (UUID) row[1];
            }
        }
        return new Found(undone, opportunity);
    }
}
