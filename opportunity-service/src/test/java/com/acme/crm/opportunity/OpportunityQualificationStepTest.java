package com.acme.crm.opportunity;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** opportunity-service's saga step on the real connector and database. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpportunityQualificationStepTest {

    @Inject
    ObjectMapper json;

    @Test
    void createsOneOpportunityWithTheCopiedNotesEvenWhenTheCommandComesTwice() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        CreateOpportunity command = new CreateOpportunity(attempt, lead, "alice", UUID.randomUUID(), UUID.randomUUID(),
                "Solar roofs", "EUR", new BigDecimal("980000.00"), "THIS_YEAR", "COMMITTEE", true, "big one",
                List.of(new CreateOpportunity.CopiedNote("Met at the fair", "bob", Instant.parse("2026-01-02T03:04:05Z"))));
        String data = json.writeValueAsString(command);
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.OPPORTUNITY_COMMANDS, lead.toString(), QualificationMessages.CREATE_OPPORTUNITY.name(), ceId, data);
        KafkaProbe.send(Topics.OPPORTUNITY_COMMANDS, lead.toString(), QualificationMessages.CREATE_OPPORTUNITY.name(), data);

        JsonNode created = json.readTree(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.OPPORTUNITY_CREATED.name())).get(0).value());
        String id = created.get("opportunityId").asText();
        String token = TestTokens.token("alice", "salesperson");
        given().auth().oauth2(token).get("/api/opportunities/" + id).then().statusCode(200)
                .body("stage", equalTo("DEVELOP"))
                .body("name", equalTo("Solar roofs"))
                .body("ownerId", equalTo("alice"))
                .body("notes[0].author", equalTo("bob"))
                .body("notes[0].createdAt", equalTo("2026-01-02T03:04:05Z"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("originatingLeadId", lead).get("/api/opportunities").then()
                .body("items", hasSize(1)));
        // both deliveries answered, one record: the second command (new ce_id) found the attempt's opportunity
        List<?> replies = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 2, r -> true);
        assertEquals(2, replies.size());
        KafkaProbe.await(Topics.OPPORTUNITY_EVENTS, id, 1, KafkaProbe.ofType("crm.opportunity.created.v1"));

        KafkaProbe.send(Topics.OPPORTUNITY_COMMANDS, lead.toString(), QualificationMessages.UNDO_OPPORTUNITY.name(),
                json.writeValueAsString(new UndoOpportunity(attempt, lead)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/opportunities/" + id).then().statusCode(404));
        KafkaProbe.await(Topics.OPPORTUNITY_EVENTS, id, 1, KafkaProbe.ofType("crm.opportunity.deleted.v1"));
    }
}
