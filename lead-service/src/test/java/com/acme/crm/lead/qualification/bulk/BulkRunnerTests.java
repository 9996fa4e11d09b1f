package com.acme.crm.lead.qualification.bulk;

import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** What the bulk runner's test classes share: each starts with no job in flight, and may tick the runner itself. */
abstract class BulkRunnerTests {

    @Inject
    BulkJobRunner runner;

    /** The window counts every job's attempts in flight: end those of earlier tests (their rows only). */
    @BeforeEach
    void noAttemptsInFlight() {
        JobRows.endEveryJobInFlight();
    }

    /** One tick of the runner, as its timer or a wake would run it. */
    void tick() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> runner.tick());
    }
}
