package com.acme.crm.common.flow;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Work for each of many items, one after the other: the one way a batch's or a window's items are worked through.
 *
 * <p>Why not a loop of {@code chain = chain.chain(...)}: each link of such a chain calls the next from inside the one
 * before when it ends at once, so the thread's stack grows with the number of items. A consumer's batch whose rows
 * are all in the session and whose writes wait for its end (WriteBehind) ends every work at once; 170 replies
 * redelivered after a crash overflowed an event loop's stack, and the StackOverflowError left the batch's Uni
 * forever pending with its transaction open (issue 9, the fault test's stall). Mutiny's concatenation asks for the
 * next item only when the work before it has ended, and takes it in a loop, not a nested call.
 */
public final class InOrder {

    private InOrder() {
    }

    /** {@code work} of each item in list order, each started once the one before has succeeded; fails at the first failure. */
    public static <T> Uni<Void> each(List<T> items, Function<? super T, Uni<Void>> work) {
        // no items: the Multi completes at once; a work's Uni ends with a null item, which a Multi skips: only the completion counts
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> work.apply(item))
                .onItem().ignoreAsUni();
    }

    /** {@code work} of each index from 0 to {@code count - 1}, in order, as {@link #each(List, Function)} does (for parallel lists). */
    public static Uni<Void> eachIndex(int count, IntFunction<Uni<Void>> work) {
        return each(IntStream.range(0, count).boxed().toList(), work::apply);
    }
}
