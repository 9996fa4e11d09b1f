package com.acme.crm.contracts.qualification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits a list into consecutive chunks whose JSON array elements fit a number of bytes: the
 * items' sizes plus one comma between two items. Order is kept; every item lands in exactly one
 * chunk. Plain logic, no I/O: the caller measures the items.
 */
public final class ChunksBySize {

    private ChunksBySize() {
    }

    /**
     * @param sizeOf    the bytes one item takes in the JSON array
     * @param firstRoom the bytes the first chunk may take (it may be smaller: its message carries more)
     * @param room      the bytes every further chunk may take
     * @return the chunks; the first may be empty (when not even the first item fits {@code firstRoom}),
     * the others never are
     * @throws IllegalArgumentException when an item is larger than {@code room}: it fits no chunk
     */
    public static <T> List<List<T>> split(List<T> items, ToIntFunction<T> sizeOf, int firstRoom, int room) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long used = 0;
        long limit = firstRoom;
        for (T item : items) {
            int size = sizeOf.applyAsInt(item);
            if (size > room) {
                throw new IllegalArgumentException("an item of " + size + " bytes fits no chunk of " + room + " bytes");
            }
            long needed = current.isEmpty() ? size : used + 1 + size;
            if (needed > limit) {
                chunks.add(current);
                current = new ArrayList<>();
                limit = room;
                needed = size;
            }
            current.add(item);
            used = needed;
        }
        if (!current.isEmpty() || chunks.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
