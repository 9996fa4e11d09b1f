package com.acme.crm.common.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Many rows in one statement: the rows go as one JSON array bound to {@code :rows}, which the SQL reads with
 * {@code jsonb_array_elements(cast(cast(:rows as text) as jsonb))}. The SQL text is the same whatever their number,
 * so a batch's rows of one table cost one execution, and Hibernate keeps one plan for it, not one per row count.
 *
 * <p>A statement that joins the rows to a table by key names those keys a second time, as an array:
 * {@code with given as (select r from jsonb_array_elements(...) as given(r)) update t ... from given
 * where t.id = any(array(select cast(r ->> 'id' as uuid) from given)) and t.id = cast(r ->> 'id' as uuid)}. PostgreSQL
 * cannot see into the JSON and takes it for 100 rows, so with the join alone it hashes them and scans the whole table
 * once the table has a few thousand rows (lead-service's update of a dozen leads read 640 buffers a call at 6,000 leads);
 * with the array it probes the key's index, whatever the table's size (docs/performance.md, "Issue 9, twelfth step").
 */
@ApplicationScoped
public class JsonRows {

    @Inject
    ObjectMapper json;

    /** Runs {@code sql} (an insert, update or delete reading {@code :rows}) in the caller's session. @return the rows it changed */
    public Uni<Integer> execute(String sql, Object rows) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter("rows", text(rows))
                .executeUpdate());
    }

    /** The same statement, not run: for a {@link WriteBehind.Joinable} writer, which a unit's end may join with others. */
    public WriteStatement statement(String sql, Object rows) {
        return WriteStatement.of(sql, Map.of("rows", text(rows)));
    }

    /** {@code rows} as the JSON text such a statement reads (also for a select that takes its keys this way). */
    public String text(Object rows) {
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write rows as JSON: " + rows.getClass(), e);
        }
    }
}
