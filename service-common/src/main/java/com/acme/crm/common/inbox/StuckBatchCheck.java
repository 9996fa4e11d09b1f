package com.acme.crm.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Liveness DOWN while a consumer batch is stuck ({@link BatchWatchdog}: no progress for {@code stuck-after}), naming each
 * stuck batch under its channel, so that Kubernetes restarts the pod: only a restart frees a partition whose batch never
 * ends, and the redelivered batch is counted once by the inbox. Judged when probed, not by the watchdog's timer.
 */
@Liveness
@ApplicationScoped
public class StuckBatchCheck implements HealthCheck {

    static final String NAME = "consumer-batches";

    @Inject
    BatchWatchdog watchdog;

    @Override
    public HealthCheckResponse call() {
        List<RunningBatch> stuck = watchdog.stuck();
        if (stuck.isEmpty()) {
            return HealthCheckResponse.named(NAME).up().withData("running", watchdog.runningCount()).build();
        }
        long now = System.nanoTime();
        Map<String, String> byChannel = new TreeMap<>();
        for (RunningBatch batch : stuck) {
            byChannel.merge(batch.channel(), watchdog.describe(batch, now), (one, other) -> one + "; " + other);
        }
        HealthCheckResponseBuilder down = HealthCheckResponse.named(NAME).down();
        byChannel.forEach(down::withData);
        return down.build();
    }
}
