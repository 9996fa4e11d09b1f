package com.acme.crm.common.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Notices a consumer batch that does not end (a hung statement, a Uni that never resolves, a lock wait): it would hold
 * its partitions silently, since the connector waits for the batch before it commits or hands over the next one. Knows
 * every running batch; a Vert.x timer looks at them every {@link BatchLimits#checkEvery()} and logs a WARN for one that
 * has run past {@code warn-after} (again each further {@code warn-after}), counted in {@code crm.consumer.batch.overdue};
 * an ERROR once one has been quiet past {@code stuck-after}, when {@link StuckBatchCheck} turns liveness DOWN so that
 * Kubernetes restarts the pod. {@code crm.consumer.batch.running} (a Micrometer long task timer per channel) shows the
 * running batches and the oldest one's age at any moment. Only observes: a batch runs exactly as without it.
 */
@ApplicationScoped
public class BatchWatchdog {

    private static final Logger LOG = Logger.getLogger(BatchWatchdog.class);
    private static final String CHANNEL = "channel";

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @Inject
    WatchdogSettings settings;

    private BatchLimits limits;
    private final Set<RunningBatch> running = ConcurrentHashMap.newKeySet();
    private final Map<String, LongTaskTimer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> overdue = new ConcurrentHashMap<>();
    private long timer = -1;

    @PostConstruct
    void limits() {
        limits = settings.limits();
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("crm.consumer.batch.stuck", this, watchdog -> watchdog.stuck().size())
                .description("Consumer batches without progress for longer than crm.consumer.watchdog.stuck-after (liveness is DOWN)")
                .register(metrics);
        timer = vertx.setPeriodic(limits.checkEvery().toMillis(), id -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** {@code handling} of {@code batch}, watched from its subscription until it ends (whichever way). */
    public Uni<Void> watch(IncomingKafkaRecordBatchMetadata<?, ?> batch, Function<RunningBatch, Uni<Void>> handling) {
        return Uni.createFrom().deferred(() -> {
            RunningBatch watched = started(batch);
            Uni<Void> handled;
            try {
                handled = handling.apply(watched);
            } catch (RuntimeException e) {
                ended(watched);
                throw e;
            }
            return handled.onTermination().invoke(() -> ended(watched));
        });
    }

    /** The running batches without progress for {@code stuck-after} or longer (none when it is 0). */
    public List<RunningBatch> stuck() {
        long now = System.nanoTime();
        return running.stream().filter(batch -> limits.stuck(batch.quiet(now))).toList();
    }

    /** How many batches are running now. */
    public int runningCount() {
        return running.size();
    }

    /** How {@code batch} looks at {@code now}, for a log line or the health check. */
    public String describe(RunningBatch batch, long now) {
        return batch.lane().describe() + ", running " + seconds(batch.running(now))
                + ", last progress " + seconds(batch.quiet(now)) + " ago";
    }

    private RunningBatch started(IncomingKafkaRecordBatchMetadata<?, ?> polled) {
        LongTaskTimer timer = timers.computeIfAbsent(polled.getChannel(), channel -> LongTaskTimer.builder("crm.consumer.batch.running")
                .description("Consumer batches that have reached the dispatcher and not ended yet")
                .tag(CHANNEL, channel).register(metrics));
        RunningBatch batch = new RunningBatch(polled.getChannel(), polled.getRecords(), System.nanoTime(), timer.start());
        running.add(batch);
        return batch;
    }

    private void ended(RunningBatch batch) {
        if (!running.remove(batch)) {
            return;
        }
        batch.sample().stop();
        if (batch.warnings() > 0) {
            LOG.infof("consumer batch on channel %s ended after %s (%s)", batch.channel(),
                    seconds(batch.running(System.nanoTime())), batch.lane().describe());
        }
    }

    /** The timer's look at every running batch. */
    void check() {
        long now = System.nanoTime();
        for (RunningBatch batch : running) {
            long due = limits.warningsDue(batch.running(now));
            if (due > batch.warnings()) {
                if (batch.warnings() == 0) {
                    overdue.computeIfAbsent(batch.channel(), channel -> Counter.builder("crm.consumer.batch.overdue")
                            .description("Consumer batches that ran longer than crm.consumer.watchdog.warn-after")
                            .tag(CHANNEL, channel).register(metrics)).increment();
                }
                batch.warned(due);
                LOG.warnf("consumer batch on channel %s has not ended: %s. Its partitions wait behind it; %s"
                        + " (docs/operations.md, \"A consumer batch that does not end\")",
                        batch.channel(), describe(batch, now), limits.stuckAfter().isZero()
                                ? "liveness ignores it (crm.consumer.watchdog.stuck-after=0)"
                                : "liveness goes DOWN once it has made no progress for " + seconds(limits.stuckAfter()));
            }
            boolean stuck = limits.stuck(batch.quiet(now));
            if (stuck && !batch.reportedStuck()) {
                LOG.errorf("consumer batch on channel %s is stuck: %s. Liveness is DOWN, so Kubernetes restarts the service;"
                        + " the batch is then redelivered from its partitions' committed offsets and each message counted once"
                        + " by the inbox", batch.channel(), describe(batch, now));
            }
            batch.reportStuck(stuck);
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
