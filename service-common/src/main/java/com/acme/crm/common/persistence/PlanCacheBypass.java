package com.acme.crm.common.persistence;

import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * Keeps a native select out of Hibernate's query plan cache, which cannot find one again: Hibernate
 * Reactive 3.1 wraps the result mapping of every native select (named or not) in a
 * {@code ReactiveResultSetMapping} without {@code equals}, so each call adds a plan-cache entry, all with
 * the SQL's hash code, and each lookup walks them calling {@code equals} (up to the cache's size, 2,048
 * by default; docs/performance.md, "Issue 9, fourth step"). Hibernate does not cache a native query with
 * a multi-valued parameter, so the value is bound as a one-element list: the SQL text is unchanged
 * ({@code :name} becomes one {@code ?}), and the plan, cheap for native SQL, is made anew each time.
 */
public final class PlanCacheBypass {

    private PlanCacheBypass() {
    }

    /** Binds {@code value} to {@code name} so that {@code query} is neither looked up in nor added to the plan cache. */
    public static <R> Mutiny.SelectionQuery<R> bind(Mutiny.SelectionQuery<R> query, String name, Object value) {
        return query.setParameter(name, List.of(value));
    }
}
