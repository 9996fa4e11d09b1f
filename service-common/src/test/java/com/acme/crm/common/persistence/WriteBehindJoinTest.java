package com.acme.crm.common.persistence;

import com.acme.crm.common.support.TestCommand;
import com.acme.crm.common.support.TestCommandConsumer;
import com.acme.crm.contracts.MessageType;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.SqlStatements;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch's end on the real connector, broker and database: the rows its works queued for two joinable writers (the
 * test's effects and the outbox) go in one statement, and a row that breaks a constraint fails that statement and
 * leaves the batch's fallback to set aside only its message.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class WriteBehindJoinTest {

    private static TestCommand command() {
        return new TestCommand(UUID.randomUUID().toString(), 0);
    }

    private static KafkaProbe.Event event(TestCommand command, MessageType<TestCommand> type) {
        return new KafkaProbe.Event(type.name(), "{\"id\":\"" + command.id() + "\",\"failTimes\":0}");
    }

    private static List<String> outcomes(TestCommand command) {
        return Db.strings("select outcome from test_effect where command_id = '" + command.id() + "' order by id");
    }

    @Test
    void aBatchsWaitingWriters_areWrittenByOneStatement() {
        List<TestCommand> commands = List.of(command(), command(), command());
        List<String> statements;
        try (SqlStatements sql = SqlStatements.record()) {
            KafkaProbe.sendTogether(TestCommand.TOPIC, commands.get(0).id(),
                    commands.stream().map(c -> event(c, TestCommand.BUFFERED)).toList());
            await().atMost(Duration.ofSeconds(30)).until(() -> commands.stream().allMatch(c -> outcomes(c).size() == 1));
            statements = sql.all();
        }

        // (the warm-up's own outbox inserts may fall in the recording: the effects' statement is the one to look at)
        List<String> effects = statements.stream().filter(s -> s.contains("insert into test_effect")).toList();
        assertEquals(1, effects.size(), "the effects of the batch in one statement: " + statements);
        assertTrue(effects.get(0).startsWith("with w1 as (insert into test_effect")
                && effects.get(0).contains("w2 as (insert into outbox_message"),
                "the outbox rows in the same statement as the effects: " + effects.get(0));
        for (TestCommand command : commands) {
            assertEquals(List.of("done"), outcomes(command));
            assertEquals(1, KafkaProbe.relayed(TestCommandConsumer.EFFECTS_TOPIC, command.id()).size(),
                    "its message inserted and relayed (the relay woken by the commit)");
        }
    }

    @Test
    void aRowThatFailsTheJoinedStatement_setsAsideOnlyItsMessage() {
        TestCommand before = command();
        TestCommand bad = command();
        TestCommand after = command();
        KafkaProbe.Event poison = event(bad, TestCommand.BAD_ROW);
        KafkaProbe.sendTogether(TestCommand.TOPIC, before.id(),
                List.of(event(before, TestCommand.BUFFERED), poison, event(after, TestCommand.BUFFERED)));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("select count(*) from set_aside_message where message_id = '" + poison.ceId() + "'") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(before).size() == 1 && outcomes(after).size() == 1);
        assertEquals(List.of("done"), outcomes(before));
        assertEquals(List.of("done"), outcomes(after));
        assertEquals(List.of(), outcomes(bad), "nothing of the bad row's message committed");
        assertEquals(2, TestCommandConsumer.attempts(before.id()), "in the failed batch, then alone");
        assertEquals(2, TestCommandConsumer.attempts(after.id()), "in the failed batch, then alone");
        assertEquals(1, KafkaProbe.relayed(TestCommandConsumer.EFFECTS_TOPIC, before.id()).size());
        assertEquals(1, KafkaProbe.relayed(TestCommandConsumer.EFFECTS_TOPIC, after.id()).size());
        assertEquals(List.of(), KafkaProbe.relayed(TestCommandConsumer.EFFECTS_TOPIC, bad.id()), "its message went with it");
    }
}
