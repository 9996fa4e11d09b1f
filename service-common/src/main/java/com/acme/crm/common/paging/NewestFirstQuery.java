package com.acme.crm.common.paging;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A list query in "newest first" order ({@code createdAt desc, id desc}) with keyset paging:
 * the filters a caller gave, then one page after the cursor. Every entity listed this way has
 * {@code createdAt} and {@code id}.
 */
public final class NewestFirstQuery {

    private final List<String> conditions = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    /** Adds {@code condition} (naming {@code :name}) unless the value is absent or blank. */
    public NewestFirstQuery where(String condition, String name, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            conditions.add(condition);
            parameters.and(name, value);
        }
        return this;
    }

    /**
     * One page: {@code find} calls the entity's Panache {@code find} (as a lambda: a method reference would name
     * the base class, which Panache does not enhance), {@code position} gives the cursor of an
     * entity. Reads one row more than it shows, to know whether there is a next page.
     */
    public <E, V> Uni<Page<V>> page(BiFunction<String, Parameters, PanacheQuery<E>> find, String cursor, int limit,
                                     Function<E, V> view, Function<E, TimeCursor> position) {
        if (cursor != null) {
            TimeCursor after = TimeCursor.decode(cursor);
            conditions.add("(createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))");
            parameters.and("cursorAt", after.createdAt()).and("cursorId", after.id());
        }
        String query = (String.join(" and ", conditions) + " order by createdAt desc, id desc").trim();
        return find.apply(query, parameters).page(0, limit + 1).list().map(found -> {
            List<E> shown = found.size() > limit ? found.subList(0, limit) : found;
            String next = found.size() > limit ? position.apply(shown.get(limit - 1)).encode() : null;
            return new Page<>(shown.stream().map(view).toList(), next);
        });
    }
}
