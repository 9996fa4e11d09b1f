package com.acme.crm.common.warmup;

import com.acme.crm.common.support.TestRehearsal;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The warm-up before readiness: it ends (producer metadata fetched, the test consumer joined its
 * group, the rehearsal run) well within its bound, readiness names it, and the rehearsal's writes,
 * its outbox message included, are rolled back: nothing of it stays or reaches Kafka.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class WarmUpTest {

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
    }
}
