package com.acme.crm.opportunity;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CopyOpportunityNotes;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.KafkaProbe.Event;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * opportunity-service's step with several commands in one consumer batch (sent in one produce request, so one poll
 * takes them): the batch looks its attempts up together and writes its opportunities at its end, yet each command
 * must decide as if handled alone, after the ones before it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpportunityBatchStepTest {

    private static final String CREATE = QualificationMessages.CREATE_OPPORTUNITY.name();
    private static final String CREATED = QualificationMessages.OPPORTUNITY_CREATED.name();

    @Inject
    ObjectMapper json;

    @Test
    void aCommandRepeatedInItsBatchMakesOneOpportunity_andItsChunkFindsIt() throws Exception {
        CreateOpportunity withNotes = command("Chunked").withNotes(2, List.of(note("first")));
        CopyOpportunityNotes chunk = new CopyOpportunityNotes(withNotes.qualificationId(), withNotes.leadId(), 1, List.of(note("second")));
        CreateOpportunity other = command("Other");
        KafkaProbe.sendTogether(Topics.OPPORTUNITY_COMMANDS, "batch", List.of(event(withNotes), event(other), event(withNotes),
                new Event(QualificationMessages.COPY_OPPORTUNITY_NOTES.name(), json.writeValueAsString(chunk)), event(other)));

        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, withNotes.leadId().toString(), 1, KafkaProbe.ofType(CREATED));
        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, other.leadId().toString(), 1, KafkaProbe.ofType(CREATED));
        assertEquals(1, opportunities(withNotes));
        assertEquals(1, opportunities(other));
        assertEquals(2, Db.count("select count(*) from opportunity_note n join opportunity o on o.id = n.opportunity_id"
                + " where o.created_by_qualification = '" + withNotes.qualificationId() + "'"));
        // each confirmed once
        ConsumerLag.awaitNone("opportunity-service", Topics.OPPORTUNITY_COMMANDS, Duration.ofSeconds(30));
        assertEquals(1, KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, withNotes.leadId().toString()).size());
        assertEquals(1, KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, other.leadId().toString()).size());
    }

    @Test
    void aPoisonMessageInTheBatchIsSetAsideAndTheOthersWriteTheirOpportunitiesOnce() throws Exception {
        CreateOpportunity before = command("Before poison");
        CreateOpportunity after = command("After poison");
        Event poison = new Event(QualificationMessages.UNDO_OPPORTUNITY.name() + ".unknown", "{}");
        KafkaProbe.sendTogether(Topics.OPPORTUNITY_COMMANDS, "batch", List.of(event(before), poison, event(after)));

        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, before.leadId().toString(), 1, KafkaProbe.ofType(CREATED));
        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, after.leadId().toString(), 1, KafkaProbe.ofType(CREATED));
        String admin = TestTokens.token("dave", "admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get("/ops/set-aside?limit=500")
                .then().statusCode(200).body("items.messageId", hasItem(poison.ceId())));
        assertEquals(1, opportunities(before));
        assertEquals(1, opportunities(after));
        ConsumerLag.awaitNone("opportunity-service", Topics.OPPORTUNITY_COMMANDS, Duration.ofSeconds(30));
        assertEquals(1, KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, before.leadId().toString()).size());
    }

    private Event event(Object command) throws Exception {
        return new Event(CREATE, json.writeValueAsString(command));
    }

    private static long opportunities(CreateOpportunity command) {
        return Db.count("select count(*) from opportunity where created_by_qualification = '" + command.qualificationId() + "'");
    }

    private static CopiedNote note(String text) {
        return new CopiedNote(text, "bob", Instant.parse("2026-03-01T00:00:00Z"));
    }

    private static CreateOpportunity command(String name) {
        return new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "alice", UUID.randomUUID(), UUID.randomUUID(), name, "EUR",
                new BigDecimal("10.00"), "THIS_YEAR", "COMMITTEE", true, "d", 0, List.of());
    }
}
