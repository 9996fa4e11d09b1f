package com.acme.crm.opportunity;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.StatementsPerCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

/**
 * Not run by CI (the name does not end in Test): the statements and rows a CreateOpportunity costs through the real
 * consumer, alone and in a poll of many, to compare two versions of the step (docs/performance.md, "Issue 9, twelfth
 * step"; how: {@link StatementsPerCommand}). The commands are those the benchmark's leads make (no notes).
 * <pre>
 * ./mvnw -B -o -pl opportunity-service -am verify -Dtest=CreateStatementsProbe -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CreateStatementsProbe {

    @Inject
    ObjectMapper json;

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
