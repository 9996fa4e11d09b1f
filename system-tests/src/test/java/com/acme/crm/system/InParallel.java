package com.acme.crm.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Many HTTP calls of a test at once (eight clients), e.g. to create the hundreds of leads a job needs: one at a time
 * they took most of a bulk test's minute in CI, while the stack sat mostly idle between calls.
 */
final class InParallel {

    private static final int CLIENTS = 8;

    private InParallel() {
    }

    /** {@code call} applied to every input, eight at a time; the results in the inputs' order. A failed call fails this. */
    static <T, R> List<R> map(List<T> inputs, Function<T, R> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Callable<R>> calls = inputs.stream().<Callable<R>>map(input -> () -> call.apply(input)).toList();
            List<R> results = new ArrayList<>();
            for (Future<R> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
            return results;
        } catch (ExecutionException e) {
            // the call's own assertion error or exception, not a wrapper, in the test's report
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** {@code call} for 0 … count-1, eight at a time; the results in that order. */
    static <R> List<R> times(int count, Function<Integer, R> call) throws InterruptedException {
        return map(IntStream.range(0, count).boxed().toList(), call);
    }
}
