package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.testinfra.SqlStatements;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.BOB;
import static com.acme.crm.lead.support.Api.CAROL;
import static com.acme.crm.lead.qualification.bulk.JobRows.inFlight;
import static com.acme.crm.lead.qualification.bulk.JobRows.pending;
import static com.acme.crm.lead.qualification.bulk.JobRows.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk runner's two promises of SPEC §6, one tick at a time (the runner's own timer is parked and its wakes off;
 * nobody answers the commands, so started attempts stay in flight): the window holds across
 * replicas, and each lead starts with the rights of the job's submitter as they are now.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(BulkJobRunnerTest.ManualTicks.class)
class BulkJobRunnerTest extends BulkRunnerTests {

    static final int WINDOW = 3;

    public static class ManualTicks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // no wakes either (a submission's, a half window's: BulkRefillTest): only the test's ticks claim
            return Map.of("crm.bulk.tick", "PT1H", "crm.bulk.window", Integer.toString(WINDOW), "crm.bulk.refill-share", "0");
        }
    }

    @Test
    void aReplicaThatFindsAnotherClaimingClaimsNothingSoTheWindowHoldsAcrossReplicas() throws Throwable {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 2 * WINDOW + 2; i++) {
            leads.add(CAROL.createLead());
        }
        String job = submit(CAROL, leads);

        // replica A, caught in the middle of its claim: it holds the claim lock and has claimed a full
        // window that it has not committed yet, so nobody else can see those claims
        try (Connection replicaA = Db.connect()) {
            replicaA.setAutoCommit(false);
            try (Statement a = replicaA.createStatement()) {
                a.execute("select pg_advisory_xact_lock(" + BulkJobRunner.CLAIM_LOCK + ")");
                a.executeUpdate("""
                        update qualify_job_lead set status = 'STARTING', claimed_at = now()
                        where (job_id, lead_id) in (select job_id, lead_id from qualify_job_lead
                          where job_id = '%s' and status = 'PENDING' order by position limit %d)""".formatted(job, WINDOW));
            }
            tick(); // replica B
            replicaA.commit();
        }
        assertEquals(WINDOW, inFlight(job), "replica B claimed nothing while A was claiming");

        tick(); // the window is full: nothing more starts until an attempt ends
        assertEquals(WINDOW, inFlight(job));
        Db.execute("update qualify_job_lead set status = 'COMPLETED' where job_id = '" + job + "' and status = 'STARTING'");
        tick();
        assertEquals(WINDOW, inFlight(job), "a freed window refills to its size, not beyond");
        assertEquals(2, pending(job));
    }

    @Test
    void aLeadGivenToSomeoneElseAfterASalespersonSubmittedTheJobFailsWithAReasonAndIsNotQualified() throws Throwable {
        String kept = ALICE.createLead();
        String given = ALICE.createLead();
        String job = submit(ALICE, List.of(kept, given));
        CAROL.call().contentType("application/merge-patch+json").body(Map.of("ownerId", BOB.name()))
                .patch("/api/leads/" + given).then().statusCode(200);

        tick();

        JsonPath results = ALICE.call().get("/api/leads/qualify-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals("IN_PROGRESS", resultOf(results, kept, "status"));
        assertNotNull(resultOf(results, kept, "qualificationId"));
        assertEquals("FAILED", resultOf(results, given, "status"));
        String reason = resultOf(results, given, "detail");
        assertTrue(reason.contains("no longer visible to alice") && reason.contains("given to someone else"), reason);
        assertEquals(null, resultOf(results, given, "qualificationId"));
        assertEquals(0, Db.count("select count(*) from qualification where lead_id = '" + given + "'"), "no attempt for bob's lead");
    }

    @Test
    void aManagersJobStillQualifiesALeadGivenToSomeoneElse() throws Throwable {
        String lead = ALICE.createLead();
        String job = submit(CAROL, List.of(lead));
        CAROL.call().contentType("application/merge-patch+json").body(Map.of("ownerId", BOB.name()))
                .patch("/api/leads/" + lead).then().statusCode(200);

        tick();

        JsonPath results = CAROL.call().get("/api/leads/qualify-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals("IN_PROGRESS", resultOf(results, lead, "status"));
        assertEquals("carol", Db.text("select requested_by from qualification where lead_id = '" + lead + "'"));
    }

    @Test
    void aWindowStartsSetBased_oneStatementToLockAndLoad_oneToInsertTheAttempts_oneToUpdateTheLeads() throws Throwable {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < WINDOW; i++) {
            leads.add(ALICE.createLead());
        }
        String job = submit(ALICE, leads);
        String ids = "'" + String.join("', '", leads) + "'";
        long versionsBefore = Db.count("select sum(version) from lead where id in (" + ids + ")");

        try (SqlStatements sql = SqlStatements.record()) {
            tick();
            assertEquals(1, sql.containing("for no key update of l"), "the window's leads locked and loaded at once: " + sql.all());
            assertEquals(1, sql.startingWith("insert into qualification "), "the attempts: " + sql.all());
            assertEquals(1, sql.containing("update lead l set "), "the leads: " + sql.all());
            assertEquals(1, sql.containing("insert into lead_history "), "the history entries: " + sql.all());
            assertEquals(1, sql.containing("insert into outbox_message "), "the commands: " + sql.all());
            assertEquals(1, sql.all().stream().filter(statement -> statement.contains("insert into lead_history ")
                    && statement.contains("insert into outbox_message ")).count(), "both in one statement: " + sql.all());
            assertEquals(0, sql.startingWith("select q1_0"), "no attempt looked up one lead at a time: " + sql.all());
        }

        JsonPath results = ALICE.call().get("/api/leads/qualify-jobs/" + job).then().statusCode(200).extract().jsonPath();
        for (String lead : leads) {
            String attempt = resultOf(results, lead, "qualificationId");
            assertEquals("IN_PROGRESS", resultOf(results, lead, "status"));
            assertEquals("IN_PROGRESS BULK job:" + job + " alice", Db.text("select status || ' ' || lane || ' ' || idempotency_key"
                    + " || ' ' || requested_by from qualification where id = '" + attempt + "'"));
            assertEquals("true " + attempt, Db.text("select qualification_in_progress || ' ' || qualification_id from lead where id = '"
                    + lead + "'"));
            assertEquals(List.of("CREATED", "QUALIFICATION_REQUESTED"),
                    Db.strings("select action from lead_history where lead_id = '" + lead + "' order by id"));
        }
        assertEquals(versionsBefore + WINDOW, Db.count("select sum(version) from lead where id in (" + ids + ")"),
                "each lead's version stepped once");
        // the lead is locked against edits while its attempt runs, as after a single start
        ALICE.call().contentType("application/merge-patch+json").body(Map.of("jobTitle", "CTO"))
                .patch("/api/leads/" + leads.get(0)).then().statusCode(409);
    }

    @Test
    void aLeadInTwoJobsOfOneWindow_startsOnce_andTheOtherJobSaysWhy() throws Throwable {
        String lead = ALICE.createLead();
        String first = submit(ALICE, List.of(lead));
        String second = submit(ALICE, List.of(lead));

        tick();

        assertEquals(1, Db.count("select count(*) from qualification where lead_id = '" + lead + "'"));
        assertEquals("IN_PROGRESS", Db.text("select status from qualify_job_lead where job_id = '" + first + "'"));
        assertEquals("FAILED", Db.text("select status from qualify_job_lead where job_id = '" + second + "'"));
        String reason = Db.text("select detail from qualify_job_lead where job_id = '" + second + "'");
        assertTrue(reason.contains("already being qualified"), reason);
    }

    @Test
    void aClaimWhoseAttemptStartedBeforeACrash_findsThatAttempt_andStartsNoOther() throws Throwable {
        String lead = ALICE.createLead();
        String job = submit(ALICE, List.of(lead));
        tick();
        String attempt = Db.text("select qualification_id from qualify_job_lead where job_id = '" + job + "'");
        // as if the runner had crashed after the start's commit, before its result: the claim is taken again
        Db.execute("update qualify_job_lead set status = 'PENDING', qualification_id = null, claimed_at = null where job_id = '" + job + "'");

        tick();

        assertEquals("IN_PROGRESS " + attempt, Db.text("select status || ' ' || qualification_id from qualify_job_lead where job_id = '"
                + job + "'"));
        assertEquals(1, Db.count("select count(*) from qualification where lead_id = '" + lead + "'"));
        assertEquals(1, Db.count("select count(*) from lead_history where lead_id = '" + lead + "' and action = 'QUALIFICATION_REQUESTED'"));
    }

    @Test
    void aLeadDeletedSinceTheJobWasMade_failsWithAReason_andTheOthersStart() throws Throwable {
        String gone = ALICE.createLead();
        String kept = ALICE.createLead();
        String job = submit(ALICE, List.of(gone, kept));
        Db.execute("delete from lead where id = '" + gone + "'");

        tick();

        JsonPath results = ALICE.call().get("/api/leads/qualify-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals("FAILED", resultOf(results, gone, "status"));
        assertTrue(resultOf(results, gone, "detail").contains("does not exist"), resultOf(results, gone, "detail"));
        assertEquals("IN_PROGRESS", resultOf(results, kept, "status"));
    }

    private static String resultOf(JsonPath job, String lead, String field) {
        return job.getString("results.find { it.leadId == '" + lead + "' }." + field);
    }
}
