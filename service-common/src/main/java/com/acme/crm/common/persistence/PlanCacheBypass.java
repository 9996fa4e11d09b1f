package com.acme.crm.common.persistence;

import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Collection;
import java.util.List;

/**
 * The one way to keep a native select out of Hibernate's query plan cache, which cannot find one again: Hibernate
 * Reactive 3.1 wraps the result mapping of every native select (named or not) in a {@code ReactiveResultSetMapping}
 * without {@code equals}, so each call adds a plan-cache entry, all with the SQL's hash code, and each lookup walks
 * them calling {@code equals} (up to the cache's size, 2,048 by default; docs/performance.md, "Issue 9, fourth step").
 * Hibernate does not cache a native query with a multi-valued parameter, so binding any one of the select's parameters
 * through {@link #bind} is enough: a single value goes as a one-element list, which leaves the SQL text as it was
 * ({@code :name} becomes one {@code ?}); the plan, cheap for native SQL, is made anew each time. Use it for every
 * native select that runs per message, per batch or per tick; the others bind as usual. Statements that change rows
 * (insert, update, delete without {@code returning}) are cached correctly and need nothing.
 */
public final class PlanCacheBypass {

    private PlanCacheBypass() {
    }

    /**
     * Binds {@code value} (not null: pick a parameter that always has one) to the parameter {@code name} of
     * {@code query}, so that the query is neither looked up in nor added to the plan cache; bind its other parameters as
     * usual. A collection (an {@code in (:ids)} list) is bound as it is: it is multi-valued already.
     */
    public static <R> Mutiny.SelectionQuery<R> bind(Mutiny.SelectionQuery<R> query, String name, Object value) {
        return query.setParameter(name, value instanceof Collection<?> values ? values : List.of(value));
    }
}
