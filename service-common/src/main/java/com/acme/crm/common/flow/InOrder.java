package com.acme.crm.common.flow;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Work for each of many items, one after the other: the one way a batch's or a window's items are worked through.
 *
 * <p>A work that has done everything by the time it returns (a decision whose rows wait in WriteBehind for the batch's
 * end) returns {@link #DONE}: the walk goes straight on to the next item, with no subscription, no operator and no
 * captured context for it. Any other Uni is subscribed to, and the next item starts once it has ended.
 *
 * <p>Why not a loop of {@code chain = chain.chain(...)}: each link of such a chain calls the next from inside the one
 * before when it ends at once, so the thread's stack grows with the number of items. 170 replies redelivered after a
 * crash overflowed an event loop's stack that way, and the StackOverflowError left the batch's Uni forever pending
 * with its transaction open (issue 9, the fault test's stall). The walk below takes the next item in a loop, not a
 * nested call, also when a subscribed work ends during its subscription. It is Mutiny's concatenation
 * ({@code transformToUniAndConcatenate}, what this class used before) written out by hand for one reason: that
 * subscribes to every work's Uni and runs every step through the operators' context capture, which cost more than
 * the works themselves in a batch whose works end at once (docs/performance.md, "Issue 9, thirteenth step").
 */
public final class InOrder {

    /** What a work returns when it has ended by the time it returns: the walk does not subscribe to it. A plain Uni of null elsewhere. */
    public static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private InOrder() {
    }

    /** {@code work} of each item in list order, each started once the one before has succeeded; fails at the first failure. */
    public static <T> Uni<Void> each(List<T> items, Function<? super T, Uni<Void>> work) {
        return eachIndex(items.size(), index -> work.apply(items.get(index)));
    }

    /**
     * {@code work} of each index from 0 to {@code count - 1}, in order, each started once the one before has succeeded;
     * fails at the first failure (a work that throws fails the walk there). Cancelling the result cancels the work
     * awaited then, and no further work starts.
     */
    public static Uni<Void> eachIndex(int count, IntFunction<Uni<Void>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Walk walk = new Walk(count, work, emitter);
            emitter.onTermination(walk::stop);
            walk.resume();
        });
    }

    /**
     * One walk over the indexes. {@link #resume} runs at the start and when the awaited work has ended, on whichever thread
     * that happened; {@code pending} counts the resumptions not yet acted on, so only one thread walks at a time and an
     * end that comes during a subscription is taken up by the loop already running (the usual drain loop).
     */
    private static final class Walk {

        private final int count;
        private final IntFunction<Uni<Void>> work;
        private final UniEmitter<? super Void> emitter;
        private final AtomicInteger pending = new AtomicInteger();
        private int next;
        private volatile boolean stopped;
        private volatile UniSubscription awaited;

        Walk(int count, IntFunction<Uni<Void>> work, UniEmitter<? super Void> emitter) {
            this.count = count;
            this.work = work;
            this.emitter = emitter;
        }

        void resume() {
            if (pending.getAndIncrement() != 0) {
                return; // the walk running now goes on
            }
            int missed = 1;
            do {
                if (!startNext()) {
                    return;
                }
                missed = pending.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Runs works until one must be awaited (true: subscribed to) or the walk ends (false). */
        private boolean startNext() {
            while (!stopped) {
                if (next == count) {
                    emitter.complete(null);
                    return false;
                }
                Uni<Void> started;
                try {
                    started = work.apply(next++);
                } catch (RuntimeException | Error e) {
                    emitter.fail(e);
                    return false;
                }
                if (started != DONE) {
                    started.subscribe().withSubscriber(new Awaited());
                    return true;
                }
            }
            return false;
        }

        void stop() {
            stopped = true;
            UniSubscription subscription = awaited;
            if (subscription != null) {
                subscription.cancel();
            }
        }

        /** The subscriber of the work awaited now. */
        private final class Awaited implements UniSubscriber<Void> {

            @Override
            public void onSubscribe(UniSubscription subscription) {
                awaited = subscription;
            }

            @Override
            public void onItem(Void item) {
                resume();
            }

            @Override
            public void onFailure(Throwable failure) {
                emitter.fail(failure);
            }
        }
    }
}
