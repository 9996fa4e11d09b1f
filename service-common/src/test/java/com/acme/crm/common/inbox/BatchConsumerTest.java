package com.acme.crm.common.inbox;

import com.acme.crm.common.support.TestCommand;
import com.acme.crm.common.support.TestCommandConsumer;
import com.acme.crm.contracts.MessageType;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ConsumerDispatcher on the real connector, broker and database: the messages of each test are
 * produced in one request on one key, so they reach the consumer in one poll (the test checks it),
 * and the batch is handled in one transaction unless a message fails.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BatchConsumerTest {

    /** One message to send: its command, type, {@code ce_id} and data. */
    private record Sent(TestCommand command, MessageType<TestCommand> type, String ceId, String data) {
        Sent(TestCommand command, MessageType<TestCommand> type, String ceId) {
            this(command, type, ceId, "{\"id\":\"" + command.id() + "\",\"failTimes\":" + command.failTimes() + "}");
        }

        Sent(TestCommand command, MessageType<TestCommand> type) {
            this(command, type, UUID.randomUUID().toString());
        }

        /** Data no version of the consumer can read: it can never be processed. */
        static Sent unreadable() {
            return unreadable(TestCommand.FLAKY);
        }

        static Sent unreadable(MessageType<TestCommand> type) {
            return new Sent(BatchConsumerTest.command(0), type, UUID.randomUUID().toString(), "{\"id\": [not json");
        }
    }

    /** Sends every message on {@code key} in one produce request (one record batch, so one poll takes all). */
    private static void sendTogether(String key, List<Sent> messages) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestKafka.bootstrapServers(), "acks", "all", "linger.ms", "1000", "batch.size", "1048576"),
                new StringSerializer(), new StringSerializer())) {
            for (Sent m : messages) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TestCommand.TOPIC, key, m.data());
                record.headers()
                        .add("ce_specversion", bytes("1.0"))
                        .add("ce_id", bytes(m.ceId()))
                        .add("ce_type", bytes(m.type().name()))
                        .add("ce_source", bytes("/test"))
                        .add("content-type", bytes("application/json"));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static TestCommand command(int failTimes) {
        return new TestCommand(UUID.randomUUID().toString(), failTimes);
    }

    private static List<String> outcomes(TestCommand command) {
        return Db.strings("select outcome from test_effect where command_id = '" + command.id() + "' order by id");
    }

    /**
     * The effect messages of {@code command} that reached Kafka through the outbox: called once its work has
     * committed, so once the outbox holds none of them, every one it wrote is on the topic (exact, no fixed wait).
     */
    private static int effectsSent(TestCommand command) {
        return KafkaProbe.relayed(TestCommandConsumer.EFFECTS_TOPIC, command.id()).size();
    }

    private static long setAside(String messageId) {
        return Db.count("select count(*) from set_aside_message where message_id = '" + messageId + "'");
    }

    private static void awaitOutcomes(TestCommand command, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(command).size() >= count);
    }

    /** The test's messages came in one poll: some batch was at least that large. */
    private static void assertOnePoll(int size) {
        assertTrue(TestCommandConsumer.batchSizes().stream().anyMatch(n -> n >= size),
                "expected a batch of " + size + ", saw " + TestCommandConsumer.batchSizes());
    }

    @Test
    void aDuplicateInTheBatchIsProcessedOnce() {
        TestCommand a = command(0);
        TestCommand b = command(0);
        Sent first = new Sent(a, TestCommand.FLAKY);
        sendTogether(a.id(), List.of(first, new Sent(a, TestCommand.FLAKY, first.ceId()), new Sent(b, TestCommand.FLAKY)));

        awaitOutcomes(b, 1);
        assertOnePoll(3);
        assertEquals(List.of("done"), outcomes(a));
        assertEquals(List.of("done"), outcomes(b));
        assertEquals(1, TestCommandConsumer.attempts(a.id()), "the repeat found its id in the inbox, in the same transaction");
    }

    private static long inboxRecords(Sent... sent) {
        return Db.count("select count(*) from processed_message where message_id in ('"
                + String.join("','", Arrays.stream(sent).map(Sent::ceId).toList()) + "')");
    }

    @Test
    void aTypeIdempotentByState_keepsNoInboxRecord_itsRepeatInTheBatchRunsAgainAndFindsItsChangeMade() {
        TestCommand a = command(0);
        TestCommand b = command(0);
        Sent first = new Sent(a, TestCommand.BY_STATE);
        Sent repeat = new Sent(a, TestCommand.BY_STATE, first.ceId());
        Sent other = new Sent(b, TestCommand.BY_STATE);
        sendTogether(a.id(), List.of(first, repeat, other));

        awaitOutcomes(b, 1);
        assertOnePoll(3);
        assertEquals(2, TestCommandConsumer.attempts(a.id()), "no inbox record skipped the repeat: its work ran again");
        assertEquals(List.of("done"), outcomes(a), "and found its change made");
        assertEquals(List.of("done"), outcomes(b));
        assertEquals(1, effectsSent(a));
        assertEquals(0, inboxRecords(first, other));
    }

    @Test
    void aTypeIdempotentByState_keepsTheFailureRules_aTransientFailureIsRetried_aPoisonSetAsideAlone() {
        TestCommand flaky = command(1); // its first attempt fails with a transient database error
        TestCommand after = command(0);
        Sent first = new Sent(flaky, TestCommand.BY_STATE);
        Sent poison = Sent.unreadable(TestCommand.BY_STATE);
        Sent repeat = new Sent(flaky, TestCommand.BY_STATE, first.ceId());
        Sent last = new Sent(after, TestCommand.BY_STATE);
        sendTogether(flaky.id(), List.of(first, poison, repeat, last));

        awaitOutcomes(after, 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> setAside(poison.ceId()) == 1);
        assertOnePoll(4);
        assertEquals(3, TestCommandConsumer.attempts(flaky.id()),
                "failed in the batch, succeeded alone when retried, then its repeat after the poison ran and found it done");
        assertEquals(List.of("done"), outcomes(flaky));
        assertEquals(List.of("done"), outcomes(after));
        assertEquals(1, effectsSent(flaky));
        assertEquals(1, effectsSent(after));
        assertEquals(0, inboxRecords(first, poison, last));
    }

    @Test
    void aPoisonMessageIsSetAsideAlone_theOthersOfItsBatchTakeEffectOnce() {
        TestCommand before = command(0);
        TestCommand after = command(0);
        Sent poison = Sent.unreadable();
        sendTogether(before.id(), List.of(new Sent(before, TestCommand.FLAKY), poison, new Sent(after, TestCommand.FLAKY)));

        awaitOutcomes(after, 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> setAside(poison.ceId()) == 1);
        assertOnePoll(3);
        assertEquals(List.of("done"), outcomes(before));
        assertEquals(List.of("done"), outcomes(after));
        assertEquals(2, TestCommandConsumer.attempts(before.id()), "in the failed batch, then again in the batch before the poison");
        assertEquals(1, TestCommandConsumer.attempts(after.id()), "after the poison: in a batch of its own, once");
        assertEquals(1, effectsSent(before), "the failed batch's outbox rows went with it: the piece that committed wrote its own once");
        assertEquals(1, effectsSent(after));
        assertEquals(0, Db.count("select count(*) from processed_message where message_id = '" + poison.ceId() + "'"),
                "set aside without an inbox record, so a replay is processed");
    }

    @Test
    void aWholePollOfWorksThatEndAtOnce_isHandled() {
        // 2,000 works that run no statement (the channel polls up to 2,000 records here): chained one inside the
        // other, works that end at once overflowed the event loop's stack and left the batch pending forever
        // (issue 9: after a crash, a poll of redelivered replies whose leads the batch had loaded at once)
        List<TestCommand> commands = IntStream.range(0, 2_000).mapToObj(n -> command(0)).toList();
        sendTogether(commands.get(0).id(), commands.stream().map(c -> new Sent(c, TestCommand.BUFFERED)).toList());

        await().atMost(Duration.ofSeconds(60)).until(() -> Db.count("select count(*) from test_effect where command_id in ("
                + commands.stream().map(c -> "'" + c.id() + "'").collect(Collectors.joining(",")) + ")") == commands.size());
        assertOnePoll(commands.size());
    }

    @Test
    void aWorkThatEndsAtOnceAndThrows_splitsTheBatchAroundIt() {
        // works that end at once (InOrder.DONE, no Uni): the middle one throws a transient fault once
        TestCommand first = command(0);
        TestCommand failing = command(1);
        TestCommand last = command(0);
        sendTogether(first.id(), List.of(new Sent(first, TestCommand.BUFFERED), new Sent(failing, TestCommand.BUFFERED),
                new Sent(last, TestCommand.BUFFERED)));

        awaitOutcomes(last, 1);
        awaitOutcomes(failing, 1);
        assertOnePoll(3);
        assertEquals(List.of("done"), outcomes(first));
        assertEquals(List.of("done"), outcomes(failing));
        assertEquals(2, TestCommandConsumer.attempts(first.id()), "in the failed batch, then again in the batch before the failure");
        assertEquals(2, TestCommandConsumer.attempts(failing.id()), "failed in the batch, then alone: retried");
        assertEquals(1, TestCommandConsumer.attempts(last.id()), "after the failure: in a batch of its own, once");
        assertEquals(1, effectsSent(first), "what the failed batch queued went with it");
        assertEquals(1, effectsSent(failing));
        assertEquals(1, effectsSent(last));
    }

    @Test
    void twoMessagesOfOneKey_theSecondSeesTheFirst_inOffsetOrder() {
        TestCommand lead = command(0);
        sendTogether(lead.id(), List.of(new Sent(lead, TestCommand.COUNT), new Sent(lead, TestCommand.COUNT)));

        awaitOutcomes(lead, 2);
        assertOnePoll(2);
        assertEquals(List.of("after 0", "after 1"), outcomes(lead));
    }

    @Test
    void aCrashMidBatchCommitsNothing_andTheRedeliveredBatchTakesEffectOnce() {
        TestCommand first = command(0);
        TestCommand crashing = command(1); // the connection drops once while the batch is at this message
        TestCommand last = command(0);
        List<Sent> batch = List.of(new Sent(first, TestCommand.FLAKY), new Sent(crashing, TestCommand.FLAKY),
                new Sent(last, TestCommand.FLAKY));
        sendTogether(first.id(), batch);

        awaitOutcomes(last, 1);
        awaitOutcomes(crashing, 1);
        assertOnePoll(3);
        assertEquals(List.of("done"), outcomes(first));
        assertEquals(List.of("done"), outcomes(crashing));
        assertEquals(List.of("done"), outcomes(last));

        sendTogether(first.id(), batch); // the same records again, as after a crash before the offsets were committed
        TestCommand marker = command(0);
        sendTogether(first.id(), List.of(new Sent(marker, TestCommand.FLAKY)));
        awaitOutcomes(marker, 1); // same partition: the redelivered batch was handled before it

        assertEquals(List.of("done"), outcomes(first));
        assertEquals(List.of("done"), outcomes(crashing));
        assertEquals(List.of("done"), outcomes(last));
        for (TestCommand command : List.of(first, crashing, last)) {
            assertEquals(1, effectsSent(command), "one effect message each: the crashed batch's were discarded with it");
        }
        assertEquals(3, Db.count("select count(*) from processed_message where message_id in ('"
                + String.join("','", batch.stream().map(Sent::ceId).toList()) + "')"));
    }
}
