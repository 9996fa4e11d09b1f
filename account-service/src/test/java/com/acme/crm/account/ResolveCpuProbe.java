package com.acme.crm.account;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
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

import java.util.UUID;

/**
 * Not run by CI (the name does not end in Test): the CPU a ResolveAccountAndContact costs through the real consumer,
 * to compare two versions of the step (docs/performance.md, "Issue 9, eleventh step"; how: {@link CpuPerCommand}).
 * The commands are those the benchmark's leads make: a new company and an email each, LINK_EXISTING. It fails only
 * when a command did not make its two links or a reply did not leave the outbox, never on a time.
 * <pre>
 * ./mvnw -B -o -pl account-service -am verify -Dtest=ResolveCpuProbe#cpuPerResolve -Dsurefire.failIfNoSpecifiedTests=false -Dprobe.commands=5000 -Dtest.jvm.options=
 * </pre>
 * And the statements and rows a resolve costs, alone and in a poll of many ({@link StatementsPerCommand}; "Issue 9, twelfth
 * step"): {@code -Dtest=ResolveCpuProbe#statementsPerResolve}.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ResolveCpuProbe {

    @Inject
    ObjectMapper json;

    @Inject
    KafkaClientService kafka;

    @Test
    void cpuPerResolve() {
        CpuPerCommand probe = new CpuPerCommand(Topics.ACCOUNT_COMMANDS, QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(),
                () -> kafka.getConsumers("account-commands").forEach(c -> c.pause().await().indefinitely()),
                () -> kafka.getConsumers("account-commands").forEach(c -> c.resume().await().indefinitely()),
                "select count(*) from record_link", 2);
        System.out.println(probe.measure("account-service resolves", Integer.getInteger("probe.commands", 5000),
                Integer.getInteger("probe.warmups", 2), this::command));
    }

    @Test
    void statementsPerResolve() {
        System.out.println(new StatementsPerCommand(Topics.ACCOUNT_COMMANDS, "account-service",
                QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name()).measure("account-service resolves", 100, this::command));
    }

    private String command() {
        try {
            return json.writeValueAsString(new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "owner-1", true,
                    true, null, null, DuplicatePolicy.LINK_EXISTING, new ProspectDetails("Bench " + UUID.randomUUID(), null,
                    null, null, "Speed", null, UUID.randomUUID() + "@bench.example", null, null, null, null, null, null, null)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
