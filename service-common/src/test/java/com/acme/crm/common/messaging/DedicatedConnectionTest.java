package com.acme.crm.common.messaging;

import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The session settings a dedicated connection is opened with are its session's: the signal sender's
 * {@code synchronous_commit=off} and the outbox relay's {@code enable_seqscan=off} rely on it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DedicatedConnectionTest {

    @Inject
    DatabaseSignals signals;

    @Test
    void itsSessionHasTheSettingsItWasOpenedWith() {
        String settings = signals.dedicatedConnection(Map.of("synchronous_commit", "off", "enable_seqscan", "off"))
                .chain(connection -> connection.query(
                                "select current_setting('synchronous_commit') || ' ' || current_setting('enable_seqscan') as s")
                        .execute()
                        .eventually(connection::close))
                .map(rows -> rows.iterator().next().getString("s"))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals("off off", settings);
    }
}
