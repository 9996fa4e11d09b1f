package com.acme.crm.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Rows for several tables written as one SQL statement, so one round trip instead of one per row:
 * every table but the last is a data-modifying CTE, the last is the statement's own insert. A table
 * may reference one added before it: PostgreSQL checks foreign keys at the end of the statement.
 * Runs in the caller's Hibernate Reactive session and transaction (a native query: nothing becomes
 * a managed entity). Values are bound as parameters; table and column names are the caller's constants.
 */
public final class CombinedInsert {

    private final List<String> inserts = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** Adds {@code rows} (each with a value per column, in order) for {@code table}; no rows adds nothing. */
    public CombinedInsert into(String table, List<String> columns, List<Object[]> rows) {
        return into(table, columns, rows, "");
    }

    /** As {@link #into(String, List, List)}, with a conflict clause such as {@code on conflict do nothing}. */
    public CombinedInsert into(String table, List<String> columns, List<Object[]> rows, String onConflict) {
        if (rows.isEmpty()) {
            return this;
        }
        StringJoiner tuples = new StringJoiner(", ");
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException(table + ": " + row.length + " values for " + columns.size() + " columns");
            }
            StringJoiner tuple = new StringJoiner(", ", "(", ")");
            for (Object value : row) {
                values.add(value);
                tuple.add(":p" + (values.size() - 1));
            }
            tuples.add(tuple.toString());
        }
        inserts.add("insert into " + table + " (" + String.join(", ", columns) + ") values " + tuples
                + (onConflict.isEmpty() ? "" : " " + onConflict));
        return this;
    }

    public boolean isEmpty() {
        return inserts.isEmpty();
    }

    /** The statement's text (for tests and logs). */
    public String sql() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < inserts.size() - 1; i++) {
            sql.append(i == 0 ? "with " : ", ").append("t").append(i).append(" as (").append(inserts.get(i)).append(")\n");
        }
        return sql.append(inserts.get(inserts.size() - 1)).toString();
    }

    /** Runs the statement in the current session's transaction; nothing to insert runs nothing. */
    public Uni<Void> execute() {
        if (isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = sql();
        return Panache.getSession().chain(session -> bound(session.createNativeQuery(sql)).executeUpdate()).replaceWithVoid();
    }

    private Mutiny.Query<?> bound(Mutiny.Query<?> query) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter("p" + i, values.get(i));
        }
        return query;
    }
}
