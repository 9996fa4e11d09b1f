package com.acme.crm.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Bulk qualification (SPEC §6) across the three services, over HTTP through the gateway. */
class BulkQualificationSystemTest extends ThroughTheGateway {

    @Test
    void qualifiesAFewHundredLeadsExactlyOnceEach() throws Exception {
        List<String> leads = new ArrayList<>(InParallel.times(300, i -> newLead("Bulk Co " + UUID.randomUUID())));
        leads.add(leads.get(0)); // listed twice, runs once
        JsonPath job = runJob(leads, "REPORT");
        assertEquals(300, job.getInt("total"));
        assertEquals(300, job.getInt("completed"));
        assertEquals(0, job.getInt("failed") + job.getInt("duplicates") + job.getInt("inProgress"));
        for (String lead : List.of(leads.get(0), leads.get(150), leads.get(299))) {
            as("carol").get("/api/accounts?originatingLeadId=" + lead).then().body("items", hasSize(1));
            as("carol").get("/api/contacts?originatingLeadId=" + lead).then().body("items", hasSize(1));
            as("carol").get("/api/opportunities?originatingLeadId=" + lead).then().body("items", hasSize(1));
            as("carol").get("/api/leads/" + lead).then().body("state", equalTo("QUALIFIED"));
        }
    }

    @Test
    void eachDuplicatePolicyDoesWhatItSays() {
        String company = "Policy Partners " + UUID.randomUUID().toString().substring(0, 8);
        String original = newLead(company);
        assertEquals(1, runJob(List.of(original), "REPORT").getInt("completed"));
        String existingAccount = as("carol").get("/api/leads/" + original).then().extract().path("accountId");

        List<String> report = List.of(newLead(company + " Inc."), newLead(company + " Ltd"));
        JsonPath reported = runJob(report, "REPORT");
        assertEquals(2, reported.getInt("duplicates"));
        as("carol").get("/api/leads/" + report.get(0)).then().body("state", equalTo("OPEN"));

        JsonPath linked = runJob(report, "LINK_EXISTING");
        assertEquals(2, linked.getInt("completed"));
        as("carol").get("/api/leads/" + report.get(0)).then().body("accountId", equalTo(existingAccount));

        String another = newLead(company);
        JsonPath created = runJob(List.of(another), "CREATE_NEW");
        assertEquals(1, created.getInt("completed"));
        String newAccount = as("carol").get("/api/leads/" + another).then().extract().path("accountId");
        assertNotEquals(existingAccount, newAccount);
    }

    @Test
    void reportsLeadsThatCannotBeQualified() {
        String closed = newLead("Closed Shop " + UUID.randomUUID());
        as("carol").body(Map.of("reason", "LOST")).post("/api/leads/" + closed + "/disqualify").then().statusCode(200);
        JsonPath job = runJob(List.of(closed, UUID.randomUUID().toString()), "REPORT");
        assertEquals(2, job.getInt("failed"));
    }

    private static JsonPath runJob(List<String> leads, String policy) {
        String location = as("carol").body(Map.of("leadIds", leads, "opportunityCurrency", "EUR", "duplicatePolicy", policy))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().header("Location");
        String path = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                "FINISHED".equals(as("carol").get(path + "?results=false").then().statusCode(200).extract().path("status")));
        return as("carol").get(path).then().statusCode(200).extract().jsonPath();
    }

    private static String newLead(String company) {
        return as("carol").body(Map.of("topic", "Bulk deal", "lastName", "Ito", "companyName", company,
                        "email", UUID.randomUUID() + "@bulk.example", "budgetAmount", 1000, "currency", "EUR"))
                .post("/api/leads?suppressDuplicateDetection=true")
                .then().statusCode(201).extract().path("id");
    }
}
