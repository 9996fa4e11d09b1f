package com.acme.crm.account;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** account-service hears both lanes and answers a command on the lane it came on (the real connector). */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccountLanesTest {

    @Inject
    ObjectMapper json;

    @Test
    void aResolveOnTheInteractiveLane_isAnsweredOnTheInteractiveLane() throws Exception {
        UUID lead = UUID.randomUUID();
        send(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, "Interactive Instruments " + lead);

        KafkaProbe.await(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));
        assertEquals(List.of(), KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, lead.toString()));
    }

    @Test
    void aResolveOnTheBulkLane_isAnsweredOnTheBulkLane() throws Exception {
        UUID lead = UUID.randomUUID();
        send(Topics.ACCOUNT_COMMANDS, lead, "Bulk Bearings " + lead);

        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));
        assertEquals(List.of(), KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead.toString()));
    }

    private void send(String topic, UUID lead, String company) throws Exception {
        ResolveAccountAndContact command = new ResolveAccountAndContact(UUID.randomUUID(), lead, "owner-1", true, true, null, null,
                DuplicatePolicy.REPORT, new ProspectDetails(company, null, null, "Ada", "Lane", null,
                "ada-" + lead + "@example.com", null, null, null, null, null, null, "DE"));
        KafkaProbe.send(topic, lead.toString(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), json.writeValueAsString(command));
    }
}
