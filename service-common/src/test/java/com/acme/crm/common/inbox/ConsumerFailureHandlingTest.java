package com.acme.crm.common.inbox;

import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.Db;
import com.acme.crm.common.support.TestCommand;
import com.acme.crm.common.support.TestCommandConsumer;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IdempotentConsumer on the real connector, broker and database: transient faults are waited out,
 * deterministic ones answered or set aside at once, compensations never given up, and internal
 * messages read tolerantly.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConsumerFailureHandlingTest {

    private static final String ADMIN = TestTokens.bearer("dave", "admin");
    /** The test channel's consumer group (application.properties). */
    private static final String GROUP = "service-common-test";

    private static String send(TestCommand command, String type, String extraJson) {
        String json = "{\"id\":\"" + command.id() + "\",\"failTimes\":" + command.failTimes() + extraJson + "}";
        return KafkaProbe.send(TestCommand.TOPIC, command.id(), type, UUID.randomUUID().toString(), json);
    }

    /** What the dead-letter topic holds for the command once its batches have committed (the failure strategy's send comes first). */
    private static List<ConsumerRecord<String, String>> deadLettered(TestCommand command) {
        ConsumerLag.awaitNone(GROUP, TestCommand.TOPIC, Duration.ofSeconds(30));
        return KafkaProbe.onTopicNow(TestCommand.TOPIC + ".dlq", command.id());
    }

    private static List<String> outcomes(String commandId) {
        return Db.strings("select outcome from test_effect where command_id = '" + commandId + "' order by id");
    }

    private static long setAside(String messageId) {
        return Db.count("select count(*) from set_aside_message where message_id = '" + messageId + "'");
    }

    @Test
    void aTransientFaultIsRetriedUntilItPasses() {
        TestCommand command = new TestCommand(UUID.randomUUID().toString(), 3);
        String messageId = send(command, TestCommand.FLAKY.name(), "");

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(command.id()).size() == 1);
        assertEquals(List.of("done"), outcomes(command.id()));
        assertEquals(4, TestCommandConsumer.attempts(command.id()), "three failed attempts, then the one that worked");
        assertEquals(0, setAside(messageId));
    }

    @Test
    void aPermanentFailureIsAnsweredAtOnceWithItsReason() {
        TestCommand command = new TestCommand(UUID.randomUUID().toString(), 0);
        String messageId = send(command, TestCommand.REJECTED.name(), "");

        await().atMost(Duration.ofSeconds(15)).until(() -> outcomes(command.id()).size() == 1);
        assertEquals(List.of("rejected: name too long for " + command.id()), outcomes(command.id()));
        assertEquals(1, TestCommandConsumer.attempts(command.id()), "a permanent failure is not retried");
        assertEquals(1, Db.count("select count(*) from processed_message where message_id = '" + messageId + "'"),
                "the rejection is recorded in the inbox with the message");
        assertEquals(0, setAside(messageId));
    }

    @Test
    void aCompensationIsRetriedPastFiveAttemptsUntilItSucceeds() {
        TestCommand command = new TestCommand(UUID.randomUUID().toString(), 8);
        String messageId = send(command, TestCommand.UNDO.name(), "");

        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(command.id()).size() == 1);
        assertEquals(List.of("undone"), outcomes(command.id()));
        assertEquals(9, TestCommandConsumer.attempts(command.id()));
        assertEquals(0, setAside(messageId));
        assertTrue(deadLettered(command).isEmpty(), "never dead-lettered");
    }

    @Test
    void anInternalMessageWithAnUnknownFieldIsProcessed() {
        TestCommand command = new TestCommand(UUID.randomUUID().toString(), 0);
        String messageId = send(command, TestCommand.FLAKY.name(), ",\"addedByANewerVersion\":{\"any\":[1,2]}");

        await().atMost(Duration.ofSeconds(15)).until(() -> outcomes(command.id()).size() == 1);
        assertEquals(List.of("done"), outcomes(command.id()));
        assertEquals(0, setAside(messageId));
        assertTrue(deadLettered(command).isEmpty(), "not dead-lettered");
    }

    @Test
    void aMessageTheConsumerCannotProcessIsSetAsideAndAReplayIsProcessedOnce() {
        TestCommand poison = new TestCommand(UUID.randomUUID().toString(), 0);
        String messageId = send(poison, TestCommand.POISON.name(), "");
        TestCommand behind = new TestCommand(UUID.randomUUID().toString(), 0);
        send(behind, TestCommand.FLAKY.name(), "");

        await().atMost(Duration.ofSeconds(15)).until(() -> setAside(messageId) == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> outcomes(behind.id()).size() == 1); // the partition goes on
        assertEquals(List.of(), outcomes(poison.id()));
        assertEquals(1, TestCommandConsumer.attempts(poison.id()));
        String id = Db.strings("select id from set_aside_message where message_id = '" + messageId + "'").get(0);
        given().header("Authorization", ADMIN).get("/ops/set-aside/" + id).then().statusCode(200)
                .body("source", equalTo("consumer"))
                .body("topic", equalTo(TestCommand.TOPIC))
                .body("key", equalTo(poison.id()))
                .body("type", equalTo(TestCommand.POISON.name()))
                .body("error", equalTo("this version cannot handle " + poison.id()))
                .body("payload", containsString(poison.id()));
        given().get("/q/metrics").then().body(containsString("crm_consumer_set_aside_total"));

        TestCommandConsumer.fixPoison();
        given().header("Authorization", ADMIN).post("/ops/set-aside/" + id + "/replay").then().statusCode(200)
                .body("replayed", equalTo(1));

        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(poison.id()).size() == 1);
        assertEquals(0, setAside(messageId));
        assertEquals(1, KafkaProbe.relayed(TestCommand.TOPIC, poison.id()).stream()
                .filter(r -> messageId.equals(KafkaProbe.header(r, "ce_id"))
                        && KafkaProbe.header(r, "ce_source").startsWith("/service-common-test")).count(),
                "replayed once through the outbox, with its own message id");
        assertEquals(List.of("done"), outcomes(poison.id()), "processed once");
    }
}
