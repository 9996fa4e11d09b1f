package com.acme.crm.common.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until {@link WarmUp} is over (done, failed or out of time), so the first request is answered at speed. */
@Readiness
@ApplicationScoped
public class WarmUpCheck implements HealthCheck {

    @Inject
    WarmUp warmUp;

    @Override
    public HealthCheckResponse call() {
        WarmUp.Outcome outcome = warmUp.outcome();
        if (outcome == null) {
            return HealthCheckResponse.named("warm-up").down().withData("result", "running").build();
        }
        return HealthCheckResponse.named("warm-up").up()
                .withData("result", outcome.result()).withData("millis", outcome.millis())
                .withData("steps", outcome.steps()).build();
    }
}
