package com.acme.crm.common.persistence;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One statement that changes rows (an insert, update or delete, or a {@code with} of such statements ending in one),
 * given as text and parameters instead of run: what a {@link WriteBehind.Joinable} writer gives, so that a unit's
 * writers can be written by one statement ({@link JoinedWrites}). Alone it runs as it is ({@link #run}).
 *
 * @param sql        the statement; its parameters are named ({@code :rows}) and appear outside string literals
 * @param parameters the value of each parameter, by name (a value Hibernate binds as given, typed values included)
 * @param changed    given the number of rows the statement (its last part) changed: e.g. throws when that is not the
 *                   number it meant to change
 */
public record WriteStatement(String sql, Map<String, Object> parameters, LongConsumer changed) {

    private static final LongConsumer ANY = rows -> {
    };

    public WriteStatement {
        parameters = Map.copyOf(parameters);
    }

    /** A statement whose count of changed rows does not matter. */
    public static WriteStatement of(String sql, Map<String, Object> parameters) {
        return new WriteStatement(sql, parameters, ANY);
    }

    /** The same statement, {@code check} given the rows it changed. */
    public WriteStatement checked(LongConsumer check) {
        return new WriteStatement(sql, parameters, check);
    }

    /** Runs it alone in {@code session}'s transaction. */
    public Uni<Void> run(Mutiny.Session session) {
        Mutiny.MutationQuery query = session.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        return query.executeUpdate().invoke(rows -> changed.accept(rows)).replaceWithVoid();
    }
}
