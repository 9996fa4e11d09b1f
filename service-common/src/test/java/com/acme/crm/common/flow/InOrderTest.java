package com.acme.crm.common.flow;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InOrderTest {

    @Test
    void manyWorksThatEndAtOnce_doNotGrowTheStack() {
        List<Integer> items = IntStream.range(0, 200_000).boxed().toList();
        List<Integer> done = new ArrayList<>();

        InOrder.each(items, i -> Uni.createFrom().item(i).invoke(done::add).replaceWithVoid())
                .await().atMost(Duration.ofSeconds(30));

        assertEquals(items, done); // a chain of 200,000 nested links overflows any default stack
    }

    @Test
    void eachStartsAfterTheOneBeforeEnded_andAFailureStopsTheRest() {
        List<String> log = new ArrayList<>();

        Uni<Void> all = InOrder.each(List.of(1, 2, 3), i -> Uni.createFrom().voidItem()
                .onItem().delayIt().by(Duration.ofMillis(10L * (4 - i))) // the first takes longest
                .invoke(() -> log.add("end " + i))
                .chain(() -> i == 2 ? Uni.createFrom().failure(new IllegalStateException("at 2")) : Uni.createFrom().voidItem()));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> all.await().atMost(Duration.ofSeconds(5)));
        assertEquals("at 2", failure.getMessage());
        assertEquals(List.of("end 1", "end 2"), log);
    }

    @Test
    void eachIndex_goesFromZeroUp() {
        List<Integer> done = new ArrayList<>();

        InOrder.eachIndex(3, i -> Uni.createFrom().voidItem().invoke(() -> done.add(i))).await().atMost(Duration.ofSeconds(1));

        assertEquals(List.of(0, 1, 2), done);
    }

    @Test
    void worksThatReturnDone_goOnWithoutASubscription_mixedWithOnesThatEndLater() {
        List<Integer> done = new ArrayList<>();

        InOrder.eachIndex(300_000, i -> {
            if (i % 1000 == 0) { // one in a thousand ends on another thread, later
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1)).invoke(() -> done.add(i));
            }
            done.add(i);
            return InOrder.DONE;
        }).await().atMost(Duration.ofSeconds(30));

        assertEquals(IntStream.range(0, 300_000).boxed().toList(), done);
    }

    @Test
    void aWorkThatThrows_failsTheWalkThere() {
        List<Integer> started = new ArrayList<>();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> InOrder.eachIndex(5, i -> {
            started.add(i);
            if (i == 2) {
                throw new IllegalStateException("at 2");
            }
            return InOrder.DONE;
        }).await().atMost(Duration.ofSeconds(1)));

        assertEquals("at 2", failure.getMessage());
        assertEquals(List.of(0, 1, 2), started);
    }

    @Test
    void cancelled_cancelsTheAwaitedWork_andStartsNoOther() {
        List<Integer> started = new ArrayList<>();
        AtomicBoolean awaitedCancelled = new AtomicBoolean();

        Cancellable walk = InOrder.eachIndex(3, i -> {
            started.add(i);
            return Uni.createFrom().<Void>nothing().onCancellation().invoke(() -> awaitedCancelled.set(true));
        }).subscribe().with(ignored -> { });
        walk.cancel();

        assertEquals(List.of(0), started);
        assertTrue(awaitedCancelled.get());
    }

    @Test
    void noItems_endsAtOnce() {
        InOrder.each(List.<Integer>of(), i -> Uni.createFrom().failure(new AssertionError("no work expected")))
                .await().atMost(Duration.ofSeconds(1));
    }
}
