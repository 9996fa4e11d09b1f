package com.acme.crm.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Rows for several tables written as one SQL statement, so one round trip instead of one per row:
 * every table but the last is a data-modifying CTE, the last is the statement's own insert. A table
 * may reference one added before it: PostgreSQL checks foreign keys at the end of the statement.
 * Rows added for a table already in the statement join its insert (so a consumer batch's records
 * make one insert per table). Runs in the caller's Hibernate Reactive session and transaction (a
 * native query: nothing becomes a managed entity). Values are bound as parameters; table and column
 * names are the caller's constants.
 */
public final class CombinedInsert {

    /** One table's insert: its columns, conflict clause and rows so far. */
    private record Part(String table, List<String> columns, String onConflict, List<Object[]> rows) {
    }

    private final Map<String, Part> parts = new LinkedHashMap<>();
    private int parameters;

    /** Adds {@code rows} (each with a value per column, in order) for {@code table}; no rows adds nothing. */
    public CombinedInsert into(String table, List<String> columns, List<Object[]> rows) {
        return into(table, columns, rows, "");
    }

    /** As {@link #into(String, List, List)}, with a conflict clause such as {@code on conflict do nothing}. */
    public CombinedInsert into(String table, List<String> columns, List<Object[]> rows, String onConflict) {
        if (rows.isEmpty()) {
            return this;
        }
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException(table + ": " + row.length + " values for " + columns.size() + " columns");
            }
        }
        Part part = parts.computeIfAbsent(table + " " + columns + " " + onConflict,
                key -> new Part(table, columns, onConflict, new ArrayList<>()));
        part.rows().addAll(rows);
        parameters += rows.size() * columns.size();
        return this;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** How many values the statement binds (PostgreSQL takes at most 65,535 a statement). */
    public int parameters() {
        return parameters;
    }

    /** The statement's text (for tests and logs). */
    public String sql() {
        List<String> inserts = new ArrayList<>();
        int p = 0;
        for (Part part : parts.values()) {
            StringJoiner tuples = new StringJoiner(", ");
            for (Object[] row : part.rows()) {
                StringJoiner tuple = new StringJoiner(", ", "(", ")");
                for (int i = 0; i < row.length; i++) {
                    tuple.add(":p" + p++);
                }
                tuples.add(tuple.toString());
            }
            inserts.add("insert into " + part.table() + " (" + String.join(", ", part.columns()) + ") values " + tuples
                    + (part.onConflict().isEmpty() ? "" : " " + part.onConflict()));
        }
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
        int p = 0;
        for (Part part : parts.values()) {
            for (Object[] row : part.rows()) {
                for (Object value : row) {
                    query.setParameter("p" + p++, value);
                }
            }
        }
        return query;
    }
}
