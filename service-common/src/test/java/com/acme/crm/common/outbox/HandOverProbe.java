package com.acme.crm.common.outbox;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.ProbeJvm;
import com.acme.crm.testinfra.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Not run by CI (the name does not end in Test): what a lone interactive message costs from its writer's unit to
 * Kafka's acknowledgement, one at a time, as the single qualification's hops do: the relay's stage timers
 * ({@code crm.outbox.wait}: the row's creation → the relay has it; {@code crm.outbox.send}: → Kafka acknowledged it) and
 * the relay's rounds that read the table, per message. Run it
 * with the hand-over and without, back to back:
 * <pre>
 * ./mvnw -B -o -pl service-common -am verify -Dtest=HandOverProbe -Dsurefire.failIfNoSpecifiedTests=false -Dtest.jvm.options=
 * ./mvnw -B -o -pl service-common -am verify -Dtest=HandOverProbe -Dsurefire.failIfNoSpecifiedTests=false -Dcrm.outbox.hand-over=false -Dtest.jvm.options=
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class HandOverProbe {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "crm.outbox.hand-over", defaultValue = "true")
    boolean handOver;

    @Test
    void aLoneMessagesWayToKafka() throws Throwable {
        ProbeJvm.requireTheServicesCompiler();
        int warmUp = Integer.getInteger("probe.warmup", 100);
        int messages = Integer.getInteger("probe.messages", 300);
        try (Connection c = Db.connect()) {
            c.setAutoCommit(true);
            send(c, "crm.test.probe-warm-" + UUID.randomUUID().toString().substring(0, 8) + ".interactive", warmUp);
            String topic = "crm.test.probe-" + UUID.randomUUID().toString().substring(0, 8) + ".interactive";
            long roundsBefore = relay.rounds();
            long started = System.nanoTime();
            send(c, topic, messages);
            double seconds = (System.nanoTime() - started) / 1e9;
            long rounds = relay.rounds() - roundsBefore;
            Timer wait = registry.find("crm.outbox.wait").tag("topic", topic).timer();
            Timer sent = registry.find("crm.outbox.send").tag("topic", topic).timer();
            System.out.printf("%nhand-over %s, %d lone messages: outbox wait mean %.3f ms (max %.1f), send mean %.3f ms"
                            + " (max %.1f), together %.3f ms; %.2f relay rounds that read the table per message (both lanes;"
                            + " the 1 s safety poll's %.1f of them)%n%n",
                    handOver ? "on" : "off", messages, wait.mean(TimeUnit.MILLISECONDS), wait.max(TimeUnit.MILLISECONDS),
                    sent.mean(TimeUnit.MILLISECONDS), sent.max(TimeUnit.MILLISECONDS),
                    wait.mean(TimeUnit.MILLISECONDS) + sent.mean(TimeUnit.MILLISECONDS), rounds / (double) messages,
                    2 * seconds / messages);
        }
    }

    /** {@code messages} lone messages, each in a unit of its own once the one before it was sent and deleted. */
    private void send(Connection c, String topic, int messages) throws Throwable {
        try (PreparedStatement waiting = c.prepareStatement("select count(*) from outbox_message where topic = ?")) {
            waiting.setString(1, topic);
            for (int i = 0; i < messages; i++) {
                int n = i;
                VertxContextSupport.subscribeAndAwait(() -> WriteBehind.inTransaction(() ->
                        outbox.publish(topic, "k" + n, "crm.test.happened.v1", Map.of("n", n))));
                long left = 1;
                while (left > 0) {
                    try (ResultSet rs = waiting.executeQuery()) {
                        rs.next();
                        left = rs.getLong(1);
                    }
                }
            }
        }
    }
}
