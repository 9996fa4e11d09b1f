package com.acme.crm.common.persistence;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One statement that changes rows (an insert, update or delete, or a {@code with} of such statements ending in one),
 * given as text and parameters instead of run: what a {@link WriteBehind.Joinable} writer gives, so that a unit's
 * writers can be written by one statement ({@link JoinedWrites}). Alone it runs as it is ({@link #run}).
 *
 * @param sql        the statement; its parameters are named ({@code :rows}) and appear outside string literals
 * @param parameters the value of each parameter, by name (a value Hibernate binds as given, typed values included)
 * @param changed    given the number of rows the statement (its last part) changed, or of those for which
 *                   {@code counted} holds: e.g. throws when that is not the number it meant to change
 * @param counted    null (every changed row counts), or an SQL condition on a changed row's columns: only the rows for
 *                   which it holds are counted (the statement then runs as a select of its count, joined or alone)
 */
public record WriteStatement(String sql, Map<String, Object> parameters, LongConsumer changed, String counted) {

    private static final LongConsumer ANY = rows -> {
    };

    public WriteStatement {
        parameters = Map.copyOf(parameters);
    }

    /** A statement whose count of changed rows does not matter. */
    public static WriteStatement of(String sql, Map<String, Object> parameters) {
        return new WriteStatement(sql, parameters, ANY, null);
    }

    /** The same statement, {@code check} given the rows it changed. */
    public WriteStatement checked(LongConsumer check) {
        return new WriteStatement(sql, parameters, check, counted);
    }

    /** The same statement, {@code count} given how many of the rows it changed meet {@code condition}. */
    public WriteStatement counting(String condition, LongConsumer count) {
        return new WriteStatement(sql, parameters, count, condition);
    }

    /** Runs it alone in {@code session}'s transaction. */
    public Uni<Void> run(Mutiny.Session session) {
        if (counted != null) {
            return runJoined(session, List.of(this));
        }
        Mutiny.MutationQuery query = session.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        return query.executeUpdate().invoke(rows -> changed.accept(rows)).replaceWithVoid();
    }

    /** Runs {@code statements} as one ({@link JoinedWrites}) in {@code session}'s transaction, each given its count. */
    static Uni<Void> runJoined(Mutiny.Session session, List<WriteStatement> statements) {
        JoinedWrites.Statement joined = JoinedWrites.of(statements);
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(joined.sql(), Object[].class);
        boolean bypassed = false;
        for (Map.Entry<String, Object> parameter : joined.parameters().entrySet()) {
            if (!bypassed && parameter.getValue() instanceof String value) {
                query = PlanCacheBypass.bind(query, parameter.getKey(), value); // a select: kept out of the plan cache
                bypassed = true;
            } else {
                query.setParameter(parameter.getKey(), parameter.getValue());
            }
        }
        if (!bypassed) { // every writer binds its rows as text; one that does not would fill the plan cache here
            throw new IllegalStateException("a joined statement binds no text parameter: " + joined.sql());
        }
        // read as Object: Hibernate gives a select of one column (a statement alone) as that column, not as an array
        Uni<?> counts = query.getSingleResult();
        return counts.invoke(changed -> {
            for (int i = 0; i < statements.size(); i++) {
                statements.get(i).changed().accept(((Number) countOf(changed, i)).longValue());
            }
        }).replaceWithVoid();
    }

    /** Column {@code i} of the counts' row (the row itself when it has one column). */
    private static Object countOf(Object row, int i) {
        return row instanceof Object[] columns ? columns[i] : row;
    }
}
