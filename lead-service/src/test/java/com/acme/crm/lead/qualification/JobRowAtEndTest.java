package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
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
import static com.acme.crm.lead.qualification.QualificationFixtures.JSON;
import static com.acme.crm.lead.qualification.QualificationFixtures.RESOLVE;
import static com.acme.crm.lead.qualification.QualificationFixtures.attemptOf;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static com.acme.crm.lead.qualification.QualificationFixtures.reply;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An attempt's end reports to its bulk job's row only when a job row can name it (its job's idempotency key): a
 * single call's end writes no job row, and a job's attempt reports its end whatever lane it travels on.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class JobRowAtEndTest {

    /**
     * A job row that names a single call's attempt exists in no real database (a job row is given only its own
     * attempt): planted here, it shows that the single call's end left job rows alone. Before, every end ran the
     * update and it would have been marked COMPLETED.
     */
    @Test
    void aSingleCallsEndTouchesNoJobRow() throws Exception {
        String lead = newLead(ALICE);
        qualify(lead);
        UUID attempt = attemptOf(command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, RESOLVE));
        UUID job = UUID.randomUUID();
        Db.execute("insert into qualify_job (id, requested_by, requested_by_roles, opportunity_currency, duplicate_policy, total,"
                + " created_at, finished_at) values ('" + job + "', 'alice', 'salesperson', 'EUR', 'REPORT', 1, now(), now())");
        Db.execute("insert into qualify_job_lead (job_id, lead_id, position, status, qualification_id) values ('" + job + "', '"
                + lead + "', 0, 'IN_PROGRESS', '" + attempt + "')");
        try {
            reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                    new AccountAndContactResolved(attempt, UUID.fromString(lead), UUID.randomUUID(), UUID.randomUUID()));
            command(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, QualificationMessages.CREATE_OPPORTUNITY);
            reply(lead, QualificationMessages.OPPORTUNITY_CREATED, new OpportunityCreated(attempt, UUID.fromString(lead), UUID.randomUUID()));
            // the job row would have been written in the transaction that ended the attempt
            await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(statusOf(attempt)));
            assertEquals("IN_PROGRESS", Db.text("select status from qualify_job_lead where job_id = '" + job + "'"));
        } finally {
            Db.execute("delete from qualify_job where id = '" + job + "'");
        }
    }

    /**
     * The case the lane cannot tell: after a single call failed on the interactive lane, the lead's next attempt
     * follows it there, also when a job starts it. Its end still reaches its job row.
     */
    @Test
    void aJobsAttemptOnTheInteractiveLane_stillReportsItsEndToItsJob() throws Exception {
        String lead = newLead(ALICE);
        UUID leadId = UUID.fromString(lead);
        qualify(lead);
        UUID failed = attemptOf(command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, RESOLVE));
        reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                new AccountAndContactResolved(failed, leadId, UUID.randomUUID(), UUID.randomUUID()));
        command(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, QualificationMessages.CREATE_OPPORTUNITY);
        reply(lead, QualificationMessages.OPPORTUNITY_REJECTED, new OpportunityRejected(failed, leadId, "no such currency here"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(statusOf(failed)));

        String job = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("leadIds", List.of(lead), "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().path("id");
        UUID attempt = attemptOf(JSON.readTree(KafkaProbe.await(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, 2,
                KafkaProbe.ofType(RESOLVE.name())).get(1).value()));
        assertEquals("INTERACTIVE", Db.text("select lane from qualification where id = '" + attempt + "'"));
        reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED,
                new AccountAndContactResolved(attempt, leadId, UUID.randomUUID(), UUID.randomUUID()));
        KafkaProbe.await(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, 2, KafkaProbe.ofType(QualificationMessages.CREATE_OPPORTUNITY.name()));
        reply(lead, QualificationMessages.OPPORTUNITY_CREATED, new OpportunityCreated(attempt, leadId, UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(statusOf(attempt)));
        assertEquals("COMPLETED " + attempt,
                Db.text("select status || ' ' || qualification_id from qualify_job_lead where job_id = '" + job + "'"));
    }

    private static void qualify(String lead) {
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify").then().statusCode(202);
    }

    private static String statusOf(UUID attempt) {
        return Db.text("select status from qualification where id = '" + attempt + "'");
    }
}
