package com.acme.crm.account;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.StatementsPerCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/**
 * Not run by CI (the name does not end in Test): the statements and rows a ResolveAccountAndContact costs through the
 * real consumer, alone and in a poll of many, to compare two versions of the step (docs/performance.md, "Issue 9,
 * twelfth step"; how: {@link StatementsPerCommand}). The commands are those the benchmark's leads make.
 * <pre>
 * ./mvnw -B -o -pl account-service -am verify -Dtest=ResolveStatementsProbe -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ResolveStatementsProbe {

    @Inject
    ObjectMapper json;

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
