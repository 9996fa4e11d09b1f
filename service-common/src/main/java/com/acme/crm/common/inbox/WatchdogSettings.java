package com.acme.crm.common.inbox;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/**
 * The limits {@link BatchWatchdog} judges running consumer batches by ({@link BatchLimits} says what each means); set in
 * service-common's {@code META-INF/microprofile-config.properties}, chosen in docs/operations.md ("A batch that does not end").
 */
@ConfigMapping(prefix = "crm.consumer.watchdog")
public interface WatchdogSettings {

    Duration warnAfter();

    Duration stuckAfter();

    default BatchLimits limits() {
        return new BatchLimits(warnAfter(), stuckAfter());
    }
}
