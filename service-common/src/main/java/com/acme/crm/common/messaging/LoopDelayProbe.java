package com.acme.crm.common.messaging;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Diagnosis, off unless {@code crm.probe.loop-delay=true} ({@code CRM_PROBE_LOOP_DELAY}): how long a task handed to an
 * event loop waits before it runs, on each of Vert.x's loops and the bulk lane's ({@link LaneLoops}): the queueing every
 * continuation on that loop meets (a pooled connection's answer, the next step of a batch). Every 5 ms a no-op task goes
 * to each loop, and to a thread that does nothing else ({@code reference}: what waiting for a core alone costs, on a
 * machine whose cores are busy); every 5 s each one's waits are logged: tasks, p50, p99, max, and how many waited over
 * 2 and 10 ms.
 * A probe's wake-up of an idle loop costs a few microseconds of CPU; leave it off outside a diagnosis.
 *
 * <p>Written by hand: neither Vert.x nor Quarkus measures an event loop's queueing (Vert.x's blocked-thread checker
 * looks once a second for a task running over 2 s).
 */
@ApplicationScoped
public class LoopDelayProbe {

    private static final Logger LOG = Logger.getLogger(LoopDelayProbe.class);

    @Inject
    Vertx vertx;

    @Inject
    LaneLoops loops;

    @ConfigProperty(name = "crm.probe.loop-delay", defaultValue = "false")
    boolean enabled;

    /** Each loop's waits (ns) since the last report, by thread name; added to only by that loop's thread. */
    private final Map<String, Waits> waits = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    private static final class Waits {
        private long[] nanos = new long[2048];
        private int size;

        synchronized void add(long wait) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = wait;
        }

        synchronized long[] drain() {
            long[] taken = Arrays.copyOf(nanos, size);
            size = 0;
            return taken;
        }
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        List<EventExecutor> all = new ArrayList<>();
        all.add(new DefaultEventExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reference");
            thread.setDaemon(true);
            return thread;
        }));
        ((VertxInternal) vertx).getEventLoopGroup().forEach(all::add);
        loops.bulkGroup().forEach(all::add);
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "crm-loop-delay-probe");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> all.forEach(this::probe), 5, 5, TimeUnit.MILLISECONDS);
        ticker.scheduleAtFixedRate(this::report, 5, 5, TimeUnit.SECONDS);
        LOG.infof("loop-delay probe on %d event loop(s)", all.size());
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void probe(EventExecutor loop) {
        long queued = System.nanoTime();
        loop.execute(() -> waits.computeIfAbsent(Thread.currentThread().getName(), name -> new Waits())
                .add(System.nanoTime() - queued));
    }

    private void report() {
        Map<String, long[]> taken = new TreeMap<>();
        waits.forEach((loop, its) -> taken.put(loop, its.drain()));
        taken.forEach((loop, nanos) -> {
            if (nanos.length == 0) {
                return;
            }
            Arrays.sort(nanos);
            long over2 = Arrays.stream(nanos).filter(n -> n > 2_000_000).count();
            long over10 = Arrays.stream(nanos).filter(n -> n > 10_000_000).count();
            LOG.infof("loop delay %s: %d tasks, p50 %.2f p99 %.2f max %.2f ms, over 2 ms %d, over 10 ms %d", loop,
                    nanos.length, ms(nanos[nanos.length / 2]), ms(nanos[(int) Math.min(nanos.length - 1, nanos.length * 99L / 100)]),
                    ms(nanos[nanos.length - 1]), over2, over10);
        });
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
