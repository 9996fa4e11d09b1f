package com.acme.crm.contracts.qualification;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting by bytes: plain JUnit, no I/O. Items are their own sizes. */
class ChunksBySizeTest {

    @Test
    void keepsEveryItemInOrderAndEachChunkWithinItsRoom() {
        Random random = new Random(8);
        for (int round = 0; round < 200; round++) {
            int room = 50 + random.nextInt(500);
            int firstRoom = random.nextInt(room + 1);
            List<Integer> items = new ArrayList<>();
            for (int i = random.nextInt(100); i > 0; i--) {
                items.add(1 + random.nextInt(room));
            }

            List<List<Integer>> chunks = ChunksBySize.split(items, Integer::intValue, firstRoom, room);

            assertEquals(items, chunks.stream().flatMap(List::stream).toList());
            for (int c = 0; c < chunks.size(); c++) {
                List<Integer> chunk = chunks.get(c);
                assertTrue(bytes(chunk) <= (c == 0 ? firstRoom : room), "chunk " + c + " of " + chunks);
                if (c > 0) {
                    assertFalse(chunk.isEmpty(), "only the first chunk may be empty: " + chunks);
                }
                if (c + 1 < chunks.size()) { // greedy: the next item did not fit
                    List<Integer> grown = new ArrayList<>(chunk);
                    grown.add(chunks.get(c + 1).get(0));
                    assertTrue(bytes(grown) > (c == 0 ? firstRoom : room), "chunk " + c + " could have taken more: " + chunks);
                }
            }
        }
    }

    @Test
    void countsOneCommaBetweenTwoItems() {
        // three items of 10 need 10 + 1 + 10 + 1 + 10 = 32 bytes
        assertEquals(List.of(List.of(10, 10, 10), List.of(10)), ChunksBySize.split(List.of(10, 10, 10, 10), Integer::intValue, 32, 32));
        assertEquals(List.of(List.of(10, 10), List.of(10, 10)), ChunksBySize.split(List.of(10, 10, 10, 10), Integer::intValue, 31, 31));
    }

    @Test
    void theFirstChunkIsEmptyWhenNotEvenTheFirstItemFitsBesideTheCommand() {
        assertEquals(List.of(List.of(), List.of(20), List.of(20)), ChunksBySize.split(List.of(20, 20), Integer::intValue, 10, 30));
        assertEquals(List.of(List.of()), ChunksBySize.split(List.<Integer>of(), Integer::intValue, 0, 30));
    }

    @Test
    void anItemLargerThanAChunkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChunksBySize.split(List.of(5, 31), Integer::intValue, 100, 30));
    }

    private static long bytes(List<Integer> chunk) {
        return chunk.stream().mapToLong(Integer::longValue).sum() + Math.max(0, chunk.size() - 1);
    }
}
