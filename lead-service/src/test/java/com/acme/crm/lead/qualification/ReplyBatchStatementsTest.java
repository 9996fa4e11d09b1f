package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.SqlStatements;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.qualification.QualificationFixtures.ALICE;
import static com.acme.crm.lead.qualification.QualificationFixtures.RESOLVE;
import static com.acme.crm.lead.qualification.QualificationFixtures.attemptOf;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static com.acme.crm.lead.qualification.QualificationFixtures.reply;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loads and writes of a single call's reply batches, as Hibernate runs them: its running attempt locked by one
 * statement, its lead (with that attempt) loaded by one, the lead's notes, stakeholders and files by one, nothing per
 * reply, no inbox statement, and no job row at its end.
 * docs/performance.md counts them per qualification ("Issue 9, ninth step").
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ReplyBatchStatementsTest {

    @Test
    void aSingleCallsReplies_lockTheAttemptInOneStatement_loadTheLeadInOne_contentInOne_andWriteNoInboxNorJobRow() throws Exception {
        String lead = newLead(ALICE);
        UUID leadId = UUID.fromString(lead);
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("text", "Wants a pilot"))
                .post("/api/leads/" + lead + "/notes").then().statusCode(201);
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify").then().statusCode(202);
        UUID attempt = attemptOf(command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, RESOLVE));

        List<String> resolved;
        try (SqlStatements sql = SqlStatements.record()) {
            reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                    new AccountAndContactResolved(attempt, leadId, UUID.randomUUID(), UUID.randomUUID()));
            command(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, QualificationMessages.CREATE_OPPORTUNITY); // after its commit
            resolved = sql.all();
        }
        List<String> loads = ofTheSaga(resolved);
        assertEquals(3, loads.size(), "the prepare's lock and load and the content's load: " + loads);
        assertLockThenLead(loads);
        assertTrue(loads.get(2).contains("from lead_note") && loads.get(2).contains("from lead_stakeholder")
                && loads.get(2).contains("from lead_attachment"), "the content at once: " + loads.get(2));

        List<String> ended;
        try (SqlStatements sql = SqlStatements.record()) {
            reply(lead, QualificationMessages.OPPORTUNITY_CREATED, new OpportunityCreated(attempt, leadId, UUID.randomUUID()));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "COMPLETED".equals(Db.text("select status from qualification where id = '" + attempt + "'")));
            ended = sql.all();
        }
        assertEquals(2, ofTheSaga(ended).size(), "the prepare's lock and load only: " + ofTheSaga(ended));
        assertLockThenLead(ofTheSaga(ended));
        for (List<String> batch : List.of(resolved, ended)) {
            assertEquals(List.of(), batch.stream().filter(s -> s.startsWith("insert into processed_message")).toList(),
                    "no inbox statement: replies are idempotent by the attempt's state");
        }
        assertEquals(List.of(), ended.stream().filter(s -> s.contains("update qualify_job_lead l set status = r")).toList(),
                "a single call's end writes no job row");
    }

    /** The attempt alone locked (by the running attempts' index), then the lead with it, by ids (no list to translate). */
    private static void assertLockThenLead(List<String> loads) {
        assertTrue(loads.get(0).startsWith("select q.id from qualification q") && loads.get(0).endsWith("for no key update of q"),
                "the running attempt locked: " + loads.get(0));
        assertTrue(loads.get(1).contains("from lead ") && loads.get(1).contains("join qualification")
                && loads.get(1).contains("any") && !loads.get(1).contains("for "), "the lead with its attempt, not locked: " + loads.get(1));
    }

    /** The saga's selects of attempts, leads and their content (not the bulk runner's ticks nor the timeout sweep's). */
    private static List<String> ofTheSaga(List<String> statements) {
        return statements.stream().filter(s -> s.startsWith("select") && !s.contains("qualify_job")
                && !s.contains("pg_try_advisory") && !s.contains("deadline <")).toList();
    }
}
