package com.acme.crm.common.warmup;

import com.acme.crm.common.support.TestCommand;
import com.acme.crm.common.support.TestRehearsal;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up before readiness: it ends (producer metadata fetched, the test consumer joined its
 * group, the rehearsal run, a warm-up message sent to each partition of the test channel's topic and
 * seen by its dispatcher) well within its bound, readiness names it, the rehearsal's writes, its
 * outbox message included, are rolled back (nothing of it stays or reaches Kafka), and the round
 * trip leaves nothing behind but its records on the topic: no outbox row, inbox record or set-aside message. The
 * start-up's garbage is collected before readiness (StartUpGarbage).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class WarmUpTest {

    @Inject
    WarmUpMessages warmUps;

    @Test
    void readinessWaitsForAWarmUpThatLeavesNothingBehind() {
        await().atMost(Duration.ofSeconds(30)).until(() -> RestAssured.get("/q/health/ready").statusCode() == 200);
        List<Map<String, Object>> checks = RestAssured.get("/q/health/ready").then().extract().jsonPath().getList("checks");
        Map<String, Object> warmUp = checks.stream().filter(check -> "warm-up".equals(check.get("name"))).findFirst().orElseThrow();
        assertEquals("UP", warmUp.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) warmUp.get("data");
        assertEquals("done", data.get("result"), "the warm-up ended within its bound: " + data);

        assertEquals(1, TestRehearsal.seenInsideItsTransaction(), "the rehearsal ran and saw its own write");
        assertEquals(0, Db.count("select count(*) from test_effect where message_id = '" + TestRehearsal.MESSAGE_ID + "'"),
                "the rehearsal's write was rolled back");
        assertEquals(0, Db.count("select count(*) from outbox_message where topic = '" + TestRehearsal.TOPIC + "'"),
                "the rehearsal's outbox message was rolled back, so the relay never sends it");

        // the round trip: one warm-up message to each partition of the test channel's topic, through the outbox, the
        // relay and Kafka, back to the dispatcher, which did nothing else with them
        assertTrue(data.get("steps").toString().contains("round trips"), "the round trip was a step: " + data);
        assertTrue(data.get("steps").toString().contains("start-up garbage collected"),
                "the start-up's garbage was collected before readiness: " + data);
        List<String> sent = new ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            KafkaProbe.collect(TestCommand.TOPIC, WarmUp.keyFor(partition, 3), Duration.ofSeconds(2)).stream()
                    .filter(KafkaProbe.ofType(WarmUpMessages.TYPE)).forEach(record -> sent.add(KafkaProbe.header(record, "ce_id")));
        }
        assertEquals(3, sent.size(), "one warm-up message on each partition of " + TestCommand.TOPIC + ": " + sent);
        assertTrue(warmUps.arrivedSince("test-commands", 0), "a warm-up message reached the dispatcher");
        String ids = "('" + String.join("','", sent) + "')";
        assertEquals(0, Db.count("select count(*) from outbox_message where type = '" + WarmUpMessages.TYPE + "'"),
                "the relay deleted the warm-up rows once sent");
        assertEquals(0, Db.count("select count(*) from processed_message where message_id in " + ids), "no inbox record");
        assertEquals(0, Db.count("select count(*) from set_aside_message where message_id in " + ids), "nothing set aside");
    }
}
