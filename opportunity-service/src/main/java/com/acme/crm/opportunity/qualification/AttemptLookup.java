package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.persistence.PlanCacheBypass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What CreateOpportunity commands must know before they decide, read in one statement (one round
 * trip) for one attempt or a whole batch's: whether each attempt was undone, and its opportunity if
 * it has one, update-locked (in attempt order) so a chunk, a repeat and an undo of one attempt take
 * turns even across a rebalance. One SQL text whatever the number of attempts (their ids go as one
 * uuid array, {@link NativeValues#uuidArray}, bound as text), kept out of Hibernate's plan cache, which cannot
 * find it again ({@link PlanCacheBypass}).
 */
@ApplicationScoped
public class AttemptLookup {

    private static final String LOOKUP = """
            with existing as (
                select created_by_qualification as attempt, id from opportunity
                where created_by_qualification = any(cast(cast(:attempts as text) as uuid[]))
                order by created_by_qualification for update)
            select attempt, 'OPPORTUNITY' as what, id from existing
            union all select qualification_id, 'UNDONE', null from undone_attempt
                where qualification_id = any(cast(cast(:attempts as text) as uuid[]))""";

    /** The rows' types, declared on an entity (JPA keeps named mappings there); it does not help the plan cache (see PlanCacheBypass). */
    public static final String ROW = "AttemptLookup.row";

    /** {@code opportunity} null when the attempt has none. */
    public record Found(boolean undone, UUID opportunity) {
    }

    public Uni<Found> find(UUID qualificationId) {
        return find(List.of(qualificationId)).map(found -> found.get(qualificationId));
    }

    /** Each attempt as found, by its id. */
    public Uni<Map<UUID, Found>> find(Collection<UUID> qualificationIds) {
        return Panache.getSession().chain(session -> PlanCacheBypass.bind(
                                session.createNativeQuery(LOOKUP, session.getResultSetMapping(Object[].class, ROW)),
                                "attempts", NativeValues.uuidArray(qualificationIds))
                        .getResultList())
                .map(rows -> found(qualificationIds, rows));
    }

    private static Map<UUID, Found> found(Collection<UUID> attempts, List<Object[]> rows) {
        Map<UUID, Found> found = new HashMap<>();
        attempts.forEach(attempt -> found.put(attempt, new Found(false, null)));
        for (Object[] row : rows) {
            UUID attempt = (UUID) row[0];
            Found before = found.get(attempt);
            found.put(attempt, "UNDONE".equals(row[1]) ? new Found(true, before.opportunity()) : new Found(before.undone(), (UUID) row[2]));
        }
        return found;
    }
}
