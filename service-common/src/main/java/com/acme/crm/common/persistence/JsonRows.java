package com.acme.crm.common.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Many rows in one statement: the rows go as one JSON array bound to {@code :rows}, which the SQL reads with
 * {@code jsonb_array_elements(cast(cast(:rows as text) as jsonb))}. The SQL text is the same whatever their number,
 * so a batch's rows of one table cost one execution, and Hibernate keeps one plan for it, not one per row count.
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

    /** {@code rows} as the JSON text such a statement reads (also for a select that takes its keys this way). */
    public String text(Object rows) {
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write rows as JSON: " + rows.getClass(), e);
        }
    }
}
