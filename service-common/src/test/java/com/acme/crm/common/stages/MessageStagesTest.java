package com.acme.crm.common.stages;

import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.common.support.TestCommand;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stage timers the benchmark reads: a command written to the outbox, relayed to Kafka and handled by the test
 * channel's consumer through the dispatcher counts once more in each of the four timers of its topic, and each
 * stage's time lies between zero and the whole trip's.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class MessageStagesTest {

    private static final String[] STAGES = {"crm_outbox_wait", "crm_outbox_send", "crm_consumer_delivery", "crm_consumer_batch"};

    @Inject
    Outbox outbox;

    @Test
    void aMessageThroughOutboxRelayAndDispatcherIsTimedInEachStage() throws Throwable {
        double[][] before = new double[STAGES.length][];
        String metrics = RestAssured.get("/q/metrics").asString();
        for (int i = 0; i < STAGES.length; i++) {
            before[i] = countAndSum(metrics, STAGES[i]);
        }
        String id = UUID.randomUUID().toString();
        long sent = System.nanoTime();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.publish(TestCommand.TOPIC, id,
                TestCommand.FLAKY, new TestCommand(id, 0))));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from test_effect where command_id = '" + id + "'") == 1);
        // the batch timer records just after the commit that the effect's row shows, the send's when Kafka's ack is back
        await().atMost(Duration.ofSeconds(5)).until(() -> allCountedAgain(before));
        double tripSeconds = (System.nanoTime() - sent) / 1e9;

        metrics = RestAssured.get("/q/metrics").asString();
        for (int i = 0; i < STAGES.length; i++) {
            double[] after = countAndSum(metrics, STAGES[i]);
            assertEquals(before[i][0] + 1, after[0], STAGES[i] + " counted the message once");
            double seconds = after[1] - before[i][1];
            assertTrue(seconds >= 0 && seconds <= tripSeconds, STAGES[i] + " took " + seconds + " s of a " + tripSeconds + " s trip");
        }
    }

    private static boolean allCountedAgain(double[][] before) {
        String metrics = RestAssured.get("/q/metrics").asString();
        for (int i = 0; i < STAGES.length; i++) {
            if (countAndSum(metrics, STAGES[i])[0] <= before[i][0]) {
                return false;
            }
        }
        return true;
    }

    /** The count and the sum of seconds of one timer of the test topic, in Prometheus text. */
    private static double[] countAndSum(String metrics, String stage) {
        return new double[] {value(metrics, stage + "_seconds_count"), value(metrics, stage + "_seconds_sum")};
    }

    private static double value(String metrics, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{[^}]*topic=\"" + Pattern.quote(TestCommand.TOPIC) + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
