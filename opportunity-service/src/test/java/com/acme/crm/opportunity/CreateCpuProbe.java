package com.acme.crm.opportunity;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.CpuPerCommand;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.StatementsPerCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

/**
 * Not run by CI (the name does not end in Test): the CPU a CreateOpportunity costs through the real consumer, to
 * compare two versions of the step (docs/performance.md, "Issue 9, eleventh step"; how: {@link CpuPerCommand}). The
 * commands are those the benchmark's leads make: no value, notes, stakeholders or files, so each is confirmed at once.
 * It fails only when a command did not make its confirmed opportunity or a reply did not leave the outbox, never on a
 * time.
 * <pre>
 * ./mvnw -B -o -pl opportunity-service -am verify -Dtest=CreateCpuProbe#cpuPerCreate -Dsurefire.failIfNoSpecifiedTests=false -Dprobe.commands=5000 -Dtest.jvm.options=
 * </pre>
 * And the statements and rows a create costs: {@code -Dtest=CreateCpuProbe#statementsPerCreate}.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CreateCpuProbe {

    @Inject
    ObjectMapper json;

    @Inject
    KafkaClientService kafka;

    @Test
    void cpuPerCreate() {
        CpuPerCommand probe = new CpuPerCommand(Topics.OPPORTUNITY_COMMANDS, QualificationMessages.CREATE_OPPORTUNITY.name(),
                () -> kafka.getConsumers("opportunity-commands").forEach(c -> c.pause().await().indefinitely()),
                () -> kafka.getConsumers("opportunity-commands").forEach(c -> c.resume().await().indefinitely()),
                "select count(*) from opportunity where confirmed_at is not null", 1);
        System.out.println(probe.measure("opportunity-service creates", Integer.getInteger("probe.commands", 5000),
                Integer.getInteger("probe.warmups", 2), this::command));
    }

    /** The statements and rows a create costs, alone and in a poll of many ({@link StatementsPerCommand}; "Issue 9, twelfth step"). */
    @Test
    void statementsPerCreate() {
        System.out.println(new StatementsPerCommand(Topics.OPPORTUNITY_COMMANDS, "opportunity-service",
                QualificationMessages.CREATE_OPPORTUNITY.name()).measure("opportunity-service creates", 100, this::command));
    }

    private String command() {
        try {
            return json.writeValueAsString(new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "owner-1",
                    UUID.randomUUID(), UUID.randomUUID(), "Topic " + UUID.randomUUID(), "EUR", null, null, null, null, null, 0,
                    List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
