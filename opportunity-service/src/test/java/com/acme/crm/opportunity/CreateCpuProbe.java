package com.acme.crm.opportunity;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.KafkaProbe.Event;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.ThreadCpu;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not run by CI (the name does not end in Test): the CPU a CreateOpportunity costs through the real consumer, to
 * compare two versions of the step (docs/performance.md, "Issue 9, eleventh step"). Sends the commands the benchmark's
 * leads make (no notes, so each is confirmed at once) in polls of many, twice to warm up and once measured, and prints
 * the CPU of the service's threads per command ({@link ThreadCpu}). It asserts only that every command made its
 * opportunity and every reply left the outbox, never a time.
 * <pre>
 * ./mvnw -B -o -pl opportunity-service -am verify -Dtest=CreateCpuProbe -Dsurefire.failIfNoSpecifiedTests=false -Dprobe.commands=5000
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CreateCpuProbe {

    private static final int PER_SEND = 250;

    @Inject
    ObjectMapper json;

    @Test
    void cpuPerCreate() throws Exception {
        int commands = Integer.getInteger("probe.commands", 5000);
        for (int i = 0; i < Integer.getInteger("probe.warmups", 2); i++) {
            round(commands); // JIT, pools, consumer assignment
        }
        ThreadCpu before = ThreadCpu.now();
        long started = System.nanoTime();
        round(commands);
        long wall = System.nanoTime() - started;
        System.out.println(ThreadCpu.now().since(before).report("opportunity-service, " + commands + " creates", commands, wall));
    }

    /** {@code commands} creates, sent {@link #PER_SEND} a produce request on keys of their own; returns when all are done. */
    private void round(int commands) throws Exception {
        long confirmed = Db.count("select count(*) from opportunity where confirmed_at is not null");
        for (int sent = 0; sent < commands; sent += PER_SEND) {
            List<Event> events = new ArrayList<>();
            for (int i = sent; i < Math.min(commands, sent + PER_SEND); i++) {
                events.add(new Event(QualificationMessages.CREATE_OPPORTUNITY.name(), json.writeValueAsString(command())));
            }
            KafkaProbe.sendTogether(Topics.OPPORTUNITY_COMMANDS, "probe-" + UUID.randomUUID(), events);
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                Db.count("select count(*) from opportunity where confirmed_at is not null") >= confirmed + commands
                        && Db.count("select count(*) from outbox_message") == 0);
        assertEquals(confirmed + commands, Db.count("select count(*) from opportunity where confirmed_at is not null"));
    }

    /** As the benchmark's leads: a topic, EUR, no value, notes, stakeholders or files. */
    private static CreateOpportunity command() {
        return new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "owner-1", UUID.randomUUID(), UUID.randomUUID(),
                "Topic " + UUID.randomUUID(), "EUR", null, null, null, null, null, 0, List.of());
    }
}
