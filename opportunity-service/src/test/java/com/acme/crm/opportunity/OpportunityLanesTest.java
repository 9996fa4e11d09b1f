package com.acme.crm.opportunity;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * opportunity-service hears both lanes and answers on the lane the command came on, also when the confirmation is
 * due to the last chunk of notes rather than to the CreateOpportunity itself (the real connector).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpportunityLanesTest {

    @Inject
    ObjectMapper json;

    @Test
    void aCreateOnTheInteractiveLane_isConfirmedOnTheInteractiveLane() throws Exception {
        UUID lead = UUID.randomUUID();
        send(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, QualificationMessages.CREATE_OPPORTUNITY.name(), create(UUID.randomUUID(), lead, 0));

        KafkaProbe.await(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_CREATED.name()));
        assertEquals(List.of(), KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, lead.toString()));
    }

    @Test
    void aCreateWhoseLastNoteComesInAChunk_onTheBulkLane_isConfirmedOnTheBulkLane() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        send(Topics.OPPORTUNITY_COMMANDS, lead, QualificationMessages.CREATE_OPPORTUNITY.name(), create(attempt, lead, 1));
        send(Topics.OPPORTUNITY_COMMANDS, lead, QualificationMessages.COPY_OPPORTUNITY_NOTES.name(),
                new CopyOpportunityNotes(attempt, lead, 0, List.of(new CopiedNote("the one note", "alice", Instant.now()))));

        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_CREATED.name()));
        assertEquals(List.of(), KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead.toString()));
    }

    /** An opportunity that expects {@code notes} notes, none of them in the command itself. */
    private static CreateOpportunity create(UUID attempt, UUID lead, int notes) {
        return new CreateOpportunity(attempt, lead, "alice", UUID.randomUUID(), UUID.randomUUID(), "Lane deal", "EUR",
                new BigDecimal("1000.00"), "THIS_YEAR", "COMMITTEE", true, null, notes, List.of());
    }

    private void send(String topic, UUID lead, String type, Object data) throws Exception {
        KafkaProbe.send(topic, lead.toString(), type, json.writeValueAsString(data));
    }
}
