package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.BOB;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * SPEC §6 at its size: a job of 100,000 lead ids is accepted (one set-based insert), the 100,001st
 * id is a 400, and the per-lead results page by cursor in the order the leads were given. Nothing
 * runs the job (the runner's ticks are parked, as in {@link BulkJobRunnerTest}, whose Quarkus this
 * test shares): starting 100,000 attempts is the benchmark's work, not CI's.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(BulkJobRunnerTest.ManualTicks.class)
class LargeBulkJobTest {

    private static final int MAX = 100_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/api/leads/qualify-jobs")
    URI jobs;

    /**
     * The megabytes of ids go by plain HTTP, not rest-assured: its request logging and the contract
     * check of a 4 MB body would take most of this test's time (the answers are checked here).
     */
    private HttpResponse<String> postJob(Api.User user, List<String> ids) throws Exception {
        String body = ids.stream().collect(Collectors.joining("\",\"", "{\"opportunityCurrency\": \"EUR\", \"leadIds\": [\"", "\"]}"));
        return HTTP.send(HttpRequest.newBuilder(jobs).header("Authorization", TestTokens.bearer(user.name(), user.role()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aJobOf100000LeadsIsAcceptedAndItsResultsPageInTheOrderGiven() throws Exception {
        List<String> ids = IntStream.range(0, MAX).mapToObj(i -> UUID.randomUUID().toString()).collect(Collectors.toCollection(ArrayList::new));
        String first = ALICE.createLead();
        String middle = ALICE.createLead();
        String last = ALICE.createLead();
        String bobs = BOB.createLead();
        ids.set(0, first);
        ids.set(MAX / 2, middle);
        ids.set(MAX - 1, last);
        ids.set(7, bobs);

        long started = System.nanoTime();
        HttpResponse<String> created = postJob(ALICE, ids);
        System.out.printf("a job of %,d leads accepted in %d ms%n", MAX, (System.nanoTime() - started) / 1_000_000);
        assertEquals(202, created.statusCode(), created.body());
        JsonPath job = new JsonPath(created.body());
        String jobId = job.getString("id");
        try {
            assertEquals(MAX, job.getInt("total"));
            assertEquals(3, job.getInt("pending"), "alice's three leads wait for the runner");
            assertEquals(MAX - 3, job.getInt("failed"), "unknown ids and bob's lead, which alice may not see, fail at once");

            JsonPath polled = ALICE.call().get("/api/leads/qualify-jobs/" + jobId).then().statusCode(200).extract().jsonPath();
            assertEquals(JobResults.DEFAULT_LIMIT, polled.getList("results").size(), "the job shows its first page only");
            assertEquals(first, polled.getString("results[0].leadId"));
            assertEquals("PENDING", polled.getString("results[0].status"));
            assertEquals("FAILED", polled.getString("results[7].status"));
            assertEquals("lead " + bobs + " does not exist", polled.getString("results[7].detail"), "no existence leak");
            String cursor = polled.getString("resultsNextCursor");
            assertNotNull(cursor);

            JsonPath second = ALICE.call().queryParam("cursor", cursor).queryParam("limit", 1000)
                    .get("/api/leads/qualify-jobs/" + jobId + "/results").then().statusCode(200).extract().jsonPath();
            assertEquals(1000, second.getList("items").size());
            assertEquals(ids.get(JobResults.DEFAULT_LIMIT), second.getString("items[0].leadId"), "page 2 starts where page 1 ended");
            assertEquals(ids.get(JobResults.DEFAULT_LIMIT + 999), second.getString("items[999].leadId"));

            JsonPath pending = ALICE.call().queryParam("status", "PENDING")
                    .get("/api/leads/qualify-jobs/" + jobId + "/results").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(first, middle, last), pending.getList("items.leadId"), "one status, across the whole job, in order");
            assertNull(pending.getString("nextCursor"));

            BOB.call().get("/api/leads/qualify-jobs/" + jobId + "/results").then().statusCode(404);
            ALICE.call().queryParam("status", "DONE").get("/api/leads/qualify-jobs/" + jobId + "/results")
                    .then().statusCode(400).body("violations[0].field", equalTo("status"));
            ALICE.call().queryParam("cursor", "not-a-cursor").get("/api/leads/qualify-jobs/" + jobId + "/results")
                    .then().statusCode(400).body("violations[0].field", equalTo("cursor"));
            ALICE.call().queryParam("limit", 1001).get("/api/leads/qualify-jobs/" + jobId + "/results")
                    .then().statusCode(400).body("violations[0].field", equalTo("limit"));
        } finally {
            Db.execute("update qualify_job_lead set status = 'FAILED' where job_id = '" + jobId + "' and status = 'PENDING'");
        }
    }

    @Test
    void aJobOfMoreThan100000LeadsIsRefusedAndStoresNothing() throws Exception {
        long jobs = Db.count("select count(*) from qualify_job");
        List<String> ids = IntStream.rangeClosed(0, MAX).mapToObj(i -> UUID.randomUUID().toString()).toList();
        HttpResponse<String> refused = postJob(ALICE, ids);
        assertEquals(400, refused.statusCode());
        assertEquals("leadIds", new JsonPath(refused.body()).getString("violations[0].field"));
        assertEquals(jobs, Db.count("select count(*) from qualify_job"));
    }

    @Test
    void aBodyOverTheRoutesFiveMegabytesIs413AndOtherRoutesKeepTheirMegabyte() throws Exception {
        List<String> ids = IntStream.range(0, 140_000).mapToObj(i -> UUID.randomUUID().toString()).toList();
        HttpResponse<String> tooLarge = postJob(ALICE, ids);
        assertEquals(413, tooLarge.statusCode());
        assertEquals(413, new JsonPath(tooLarge.body()).getInt("status"));
        ALICE.call().body(Map.of("topic", "t", "lastName", "l", "description", "d".repeat(2_000_000)))
                .post("/api/leads").then().statusCode(413).body("detail", containsString("1048576"));
    }
}
