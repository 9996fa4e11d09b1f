package com.acme.crm.lead.contacts;

import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.common.persistence.PlanCacheBypass;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.persistence.WriteStatement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The contact events' statements: the copies of a batch's contacts read in one statement, and every copy the batch
 * changed written by one upsert at its end (through the unit's {@link WriteBehind}; outside a unit at once). Each has
 * one SQL text whatever the number of contacts (ids and rows travel as one JSON array). No entity is loaded.
 */
@ApplicationScoped
public class ContactCopyRows {

    @Inject
    JsonRows jsonRows;

    private static final String LOAD = """
            select c.id, c.first_name, c.last_name, c.email, c.job_title, c.source_version, c.deleted, c.updated_at
            from contact_copy c
            where c.id = any(cast(cast(:ids as text) as uuid[]))""";

    /** The copies of these contacts, by id (a contact without a copy is absent). */
    Uni<Map<UUID, CopiedContact>> load(Collection<UUID> ids) {
        return Panache.getSession().chain(session -> PlanCacheBypass.bind(
                        session.createNativeQuery(LOAD, Object[].class), "ids", NativeValues.uuidArray(ids))
                .getResultList())
                .map(rows -> {
                    Map<UUID, CopiedContact> found = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        found.put((UUID) r[0], new CopiedContact((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                                (String) r[4], ((Number) r[5]).longValue(), (Boolean) r[6], NativeValues.instant(r[7])));
                    }
                    return found;
                });
    }

    /** A copy as the upsert reads it from JSON. */
    record Row(UUID id, String firstName, String lastName, String email, String jobTitle, long sourceVersion,
               boolean deleted, String updatedAt) {

        static Row of(CopiedContact c) {
            return new Row(c.id(), c.firstName(), c.lastName(), c.email(), c.jobTitle(), c.sourceVersion(), c.deleted(),
                    c.updatedAt().toString());
        }
    }

    // the rule again in the conflict clause (ContactCopyRule): a copy written meanwhile by another transaction with a
    // newer version is not overwritten by an older event's fields, unless it deletes, and a deleted copy stays deleted
    private static final String UPSERT = """
            insert into contact_copy (id, first_name, last_name, email, job_title, source_version, deleted, updated_at)
            select cast(r ->> 'id' as uuid), r ->> 'firstName', r ->> 'lastName', r ->> 'email', r ->> 'jobTitle',
                   cast(r ->> 'sourceVersion' as bigint), cast(r ->> 'deleted' as boolean), cast(r ->> 'updatedAt' as timestamptz)
            from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) as given(r)
            on conflict (id) do update
            set first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
                job_title = excluded.job_title,
                source_version = greatest(contact_copy.source_version, excluded.source_version),
                deleted = contact_copy.deleted or excluded.deleted, updated_at = excluded.updated_at
            where contact_copy.source_version <= excluded.source_version or excluded.deleted""";

    /** Writes {@code copy} with the unit's other copies at its end (outside a unit at once). */
    Uni<Void> write(CopiedContact copy) {
        return WriteBehind.add(upsert, copy);
    }

    // joinable: the upsert reads only contact_copy, which no other writer of a unit writes
    private final WriteBehind.Joinable<CopiedContact> upsert = (session, copies) -> upsert(copies);

    /** One row per contact, its last state in the unit (an upsert may not change one row twice). */
    private WriteStatement upsert(List<CopiedContact> copies) {
        Map<UUID, Row> last = new LinkedHashMap<>();
        for (CopiedContact copy : copies) {
            last.put(copy.id(), Row.of(copy));
        }
        return jsonRows.statement(UPSERT, List.copyOf(last.values()));
    }
}
