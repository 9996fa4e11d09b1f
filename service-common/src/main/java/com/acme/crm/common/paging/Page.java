package com.acme.crm.common.paging;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list answer; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    /** The same page with each item shown as {@code view} shows it (a service pages entities, its HTTP edge shows views). */
    public <V> Page<V> map(Function<? super T, ? extends V> view) {
        return new Page<>(items.stream().<V>map(view).toList(), nextCursor);
    }
}
