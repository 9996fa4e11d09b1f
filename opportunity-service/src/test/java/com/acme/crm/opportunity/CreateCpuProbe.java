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
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not run by CI (the name does not end in Test): the CPU a CreateOpportunity costs through the real consumer, to
 * compare two versions of the step (docs/performance.md, "Issue 9, eleventh step"). Sends the commands the benchmark's
 * leads make (no notes, so each is confirmed at once) while the consumer is paused, then resumes it, so that it takes
 * them in full polls; twice to warm up and once measured. Prints the CPU of the service's threads per command from the
 * resume to the last reply ({@link ThreadCpu}). It asserts only that every command made its opportunity and every
 * reply left the outbox, never a time.
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

    @Inject
    KafkaClientService kafka;

    private long wallNanos;

    @Test
    void cpuPerCreate() throws Exception {
        int commands = Integer.getInteger("probe.commands", 5000);
        for (int i = 0; i < Integer.getInteger("probe.warmups", 2); i++) {
            round(commands); // JIT, pools, consumer assignment
        }
        ThreadCpu.Delta used = round(commands);
        System.out.println(used.report("opportunity-service, " + commands + " creates", commands, wallNanos));
    }

    /**
     * {@code commands} creates, sent {@link #PER_SEND} a produce request on keys of their own while the service's consumer is
     * paused, so that it then takes them in full polls (batches of max.poll.records, not of whatever had arrived);
     * returns the CPU used from the resume until all are done.
     */
    private ThreadCpu.Delta round(int commands) throws Exception {
        consumers(KafkaConsumer::pause);
        long confirmed = Db.count("select count(*) from opportunity where confirmed_at is not null");
        for (int sent = 0; sent < commands; sent += PER_SEND) {
            List<Event> events = new ArrayList<>();
            for (int i = sent; i < Math.min(commands, sent + PER_SEND); i++) {
                events.add(new Event(QualificationMessages.CREATE_OPPORTUNITY.name(), json.writeValueAsString(command())));
            }
            KafkaProbe.sendTogether(Topics.OPPORTUNITY_COMMANDS, "probe-" + UUID.randomUUID(), events);
        }
        ThreadCpu before = ThreadCpu.now();
        long started = System.nanoTime();
        consumers(KafkaConsumer::resume);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                Db.count("select count(*) from opportunity where confirmed_at is not null") >= confirmed + commands
                        && Db.count("select count(*) from outbox_message") == 0);
        assertEquals(confirmed + commands, Db.count("select count(*) from opportunity where confirmed_at is not null"));
        wallNanos = System.nanoTime() - started;
        return ThreadCpu.now().since(before);
    }

    private void consumers(Function<KafkaConsumer<Object, Object>, Uni<?>> action) {
        kafka.getConsumers("opportunity-commands").forEach(consumer -> action.apply(consumer).await().indefinitely());
    }

    /** As the benchmark's leads: a topic, EUR, no value, notes, stakeholders or files. */
    private static CreateOpportunity command() {
        return new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "owner-1", UUID.randomUUID(), UUID.randomUUID(),
                "Topic " + UUID.randomUUID(), "EUR", null, null, null, null, null, 0, List.of());
    }
}
