package com.acme.crm.lead.activities;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.BOB;
import static com.acme.crm.lead.support.Api.CAROL;
import static com.acme.crm.lead.support.Api.DAVE;
import static com.acme.crm.lead.support.LeadEventsTopic.header;
import static com.acme.crm.lead.support.LeadEventsTopic.is;
import static com.acme.crm.lead.support.LeadEventsTopic.readUntil;
import static com.acme.crm.lead.support.LeadEventsTopic.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SPEC §10 activities: on a lead, their states, and the work list across leads. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ActivitiesTest {

    private static String activities(String lead) {
        return "/api/leads/" + lead + "/activities";
    }

    private static Map<String, Object> call(String subject) {
        return new HashMap<>(Map.of("type", "PHONE_CALL", "subject", subject, "direction", "OUTGOING",
                "dueAt", Instant.now().plusSeconds(86_400).toString()));
    }

    private static String create(Api.User user, String lead, Map<String, ?> body) {
        return user.call().body(body).post(activities(lead)).then().statusCode(201).extract().path("id");
    }

    @Test
    void eachTypeIsScheduledOpenWithItsFieldsAndTheCallerAsOwner() {
        String lead = ALICE.createLead();
        String start = Instant.now().plusSeconds(3600).toString();
        String end = Instant.now().plusSeconds(7200).toString();
        String id = ALICE.call().body(Map.of("type", "APPOINTMENT", "subject", "Demo", "description", "on site",
                        "startAt", start, "endAt", end)).post(activities(lead))
                .then().statusCode(201).header("Location", equalTo("/api/leads/" + lead + "/activities/"
                        + ALICE.call().get(activities(lead)).then().extract().path("items[0].id")))
                .body("state", equalTo("OPEN")).body("ownerId", equalTo("alice")).body("type", equalTo("APPOINTMENT"))
                .body("startAt", equalTo(start)).body("endAt", equalTo(end)).body("direction", nullValue())
                .body("outcome", nullValue()).body("closedAt", nullValue()).body("leadId", equalTo(lead))
                .extract().path("id");
        ALICE.call().get(activities(lead) + "/" + id).then().statusCode(200).body("subject", equalTo("Demo"));
        create(ALICE, lead, Map.of("type", "EMAIL", "subject", "Send prices", "direction", "INCOMING"));
        create(ALICE, lead, Map.of("type", "TASK", "subject", "Prepare offer"));
        create(ALICE, lead, call("Follow up"));
        ALICE.call().get(activities(lead)).then().statusCode(200)
                .body("items.subject", contains("Follow up", "Prepare offer", "Send prices", "Demo"))
                .body("nextCursor", nullValue());
    }

    @Test
    void openActivitiesChangeCompleteAndCancelClosedOnesAre409s() {
        String lead = BOB.createLead();
        String first = create(BOB, lead, call("Call back"));
        String second = create(BOB, lead, Map.of("type", "TASK", "subject", "Write"));
        String path = activities(lead) + "/";

        BOB.call().contentType("application/merge-patch+json").body(Map.of("subject", "Call back on Monday", "description", "ask for Anna"))
                .patch(path + first).then().statusCode(200).body("subject", equalTo("Call back on Monday"))
                .body("description", equalTo("ask for Anna")).body("version", equalTo(1));
        BOB.call().body("{\"description\":null,\"dueAt\":null}").patch(path + first).then().statusCode(200)
                .body("description", nullValue()).body("dueAt", nullValue());
        BOB.call().body(Map.of("outcome", "agreed on a demo")).post(path + first + "/complete").then().statusCode(200)
                .body("state", equalTo("COMPLETED")).body("outcome", equalTo("agreed on a demo")).body("closedAt", notNullValue());
        BOB.call().post(path + second + "/cancel").then().statusCode(200).body("state", equalTo("CANCELED"));

        for (String closed : List.of(first, second)) {
            BOB.call().body(Map.of("subject", "again")).patch(path + closed).then().statusCode(409)
                    .contentType("application/problem+json");
            BOB.call().post(path + closed + "/complete").then().statusCode(409);
            BOB.call().post(path + closed + "/cancel").then().statusCode(409);
        }
        BOB.call().get(activities(lead) + "?state=OPEN").then().body("items", empty());
        BOB.call().get(activities(lead) + "?state=COMPLETED").then().body("items.id", contains(first));
        BOB.call().get(activities(lead) + "?state=CANCELED").then().body("items.id", contains(second));

        BOB.call().get("/api/leads/" + lead + "/history").then()
                .body("action", hasItem("ACTIVITY_CREATED")).body("action", hasItem("ACTIVITY_UPDATED"))
                .body("action", hasItem("ACTIVITY_COMPLETED")).body("action", hasItem("ACTIVITY_CANCELED"))
                .body("find { it.action == 'ACTIVITY_COMPLETED' }.actor", equalTo("bob"));

        List<ConsumerRecord<String, String>> events = withKey(readUntil(record -> lead.equals(record.key())
                && "crm.lead.activity-updated.v1".equals(header(record, "ce_type")) && record.value().contains("CANCELED"),
                Duration.ofSeconds(20), Duration.ofSeconds(1)), lead);
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(header(e, "ce_type")));
        assertEquals(List.of("crm.lead.created.v1", "crm.lead.activity-created.v1", "crm.lead.activity-created.v1",
                "crm.lead.activity-updated.v1", "crm.lead.activity-updated.v1", "crm.lead.activity-updated.v1",
                "crm.lead.activity-updated.v1"), types);
    }

    @Test
    void badActivitiesAre400sAndStoreNothing() {
        String lead = ALICE.createLead();
        String t1 = Instant.now().plusSeconds(60).toString();
        String t0 = Instant.now().toString();
        List<Map.Entry<String, String>> cases = List.of(
                Map.entry("{\"subject\":\"x\"}", "type"),
                Map.entry("{\"type\":\"TASK\"}", "subject"),
                Map.entry("{\"type\":\"TASK\",\"subject\":\"  \"}", "subject"),
                Map.entry("{\"type\":\"MEETING\",\"subject\":\"x\"}", "type"),
                Map.entry("{\"type\":0,\"subject\":\"x\"}", "type"),
                Map.entry("{\"type\":\"TASK\",\"subject\":\"" + "x".repeat(201) + "\"}", "subject"),
                Map.entry("{\"type\":\"APPOINTMENT\",\"subject\":\"x\"}", "startAt"),
                Map.entry("{\"type\":\"APPOINTMENT\",\"subject\":\"x\",\"startAt\":\"" + t1 + "\"}", "endAt"),
                Map.entry("{\"type\":\"APPOINTMENT\",\"subject\":\"x\",\"startAt\":\"" + t1 + "\",\"endAt\":\"" + t0 + "\"}", "endAt"),
                Map.entry("{\"type\":\"TASK\",\"subject\":\"x\",\"direction\":\"INCOMING\"}", "direction"),
                Map.entry("{\"type\":\"EMAIL\",\"subject\":\"x\",\"direction\":\"SIDEWAYS\"}", "direction"),
                Map.entry("{\"type\":\"TASK\",\"subject\":\"x\",\"dueAt\":\"tomorrow\"}", "dueAt"),
                Map.entry("{\"type\":\"TASK\",\"subject\":\"x\",\"state\":\"COMPLETED\"}", "state"),
                Map.entry("{\"type\":\"TASK\",\"subject\":\"x\",\"id\":\"" + UUID.randomUUID() + "\"}", "id"),
                Map.entry("{\"type\":\"TASK\",\"subject\":\"x\",\"priority\":1}", "priority"),
                Map.entry("{\"type\":\"TASK\",\"subject\":\"x\",\"ownerId\":\"\"}", "ownerId"));
        for (Map.Entry<String, String> bad : cases) {
            ALICE.call().body(bad.getKey()).post(activities(lead)).then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem(bad.getValue()));
        }
        for (String body : List.of("[]", "{", "\"task\"")) {
            ALICE.call().body(body).post(activities(lead)).then().statusCode(400).contentType("application/problem+json");
        }
        ALICE.call().body(Map.of("type", "TASK", "subject", "x", "ownerId", "bob")).post(activities(lead)).then().statusCode(403);
        ALICE.call().get(activities(lead)).then().body("items", empty());

        String id = create(ALICE, lead, call("ok"));
        for (String patch : List.of("{\"type\":null}", "{\"subject\":null}", "{\"ownerId\":null}", "{\"state\":\"CANCELED\"}",
                "{\"type\":\"TASK\"}", "{\"dueAt\":5}", "{\"extra\":true}", "[]")) {
            ALICE.call().body(patch).patch(activities(lead) + "/" + id).then().log().ifValidationFails().statusCode(400).contentType("application/problem+json");
        }
        ALICE.call().body(Map.of("outcome", "x".repeat(2001))).post(activities(lead) + "/" + id + "/complete").then().statusCode(400);
        ALICE.call().body(Map.of("outcome", 5)).post(activities(lead) + "/" + id + "/complete").then().statusCode(400);
        ALICE.call().get(activities(lead) + "/" + id).then().body("version", equalTo(0)).body("state", equalTo("OPEN"))
                .body("direction", equalTo("OUTGOING"));
        for (String query : List.of("?state=DONE", "?limit=0", "?limit=201", "?limit=x", "?cursor=nonsense")) {
            ALICE.call().get(activities(lead) + query).then().statusCode(400).contentType("application/problem+json");
        }
        ALICE.call().get(activities(lead) + "/not-a-uuid").then().statusCode(404);
    }

    @Test
    void whoReachesWhichActivities() {
        String alices = ALICE.createLead();
        String id = create(ALICE, alices, call("mine"));
        ValidatableResponse hidden = BOB.call().get(activities(alices)).then().statusCode(404);
        hidden.contentType("application/problem+json");
        BOB.call().body(call("x")).post(activities(alices)).then().statusCode(404);
        BOB.call().get(activities(alices) + "/" + id).then().statusCode(404);
        BOB.call().body(Map.of("subject", "x")).patch(activities(alices) + "/" + id).then().statusCode(404);
        BOB.call().post(activities(alices) + "/" + id + "/complete").then().statusCode(404);
        BOB.call().post(activities(alices) + "/" + id + "/cancel").then().statusCode(404);
        for (Api.User manager : List.of(CAROL, DAVE)) {
            manager.call().get(activities(alices)).then().statusCode(200).body("items.id", hasItem(id));
        }
        CAROL.call().body(Map.of("subject", "checked by carol")).patch(activities(alices) + "/" + id).then().statusCode(200)
                .body("modifiedBy", equalTo("carol"));
        given().get(activities(alices)).then().statusCode(401);
        given().get("/api/activities").then().statusCode(401);
        // an activity on another's lead, given to bob by a manager, is on bob's work list and his to complete
        String forBob = create(CAROL, alices, Map.of("type", "TASK", "subject", "bob helps", "ownerId", "bob"));
        BOB.call().get("/api/activities?view=my-open&limit=200").then().body("items.id", hasItem(forBob));
        BOB.call().post(activities(alices) + "/" + forBob + "/complete").then().statusCode(200);
        BOB.call().get("/api/leads/" + alices).then().statusCode(404);
        ALICE.call().get(activities(UUID.randomUUID().toString())).then().statusCode(404);
        ALICE.call().get(activities(alices) + "/" + UUID.randomUUID()).then().statusCode(404);
        String other = ALICE.createLead();
        ALICE.call().get(activities(other) + "/" + id).then().statusCode(404);
    }

    @Test
    void theWorkListShowsEachCallerTheirActivitiesNewestFirstPageByPage() {
        String owner = "worker-" + UUID.randomUUID();
        Api.User salesperson = new Api.User(owner, "salesperson");
        String lead = salesperson.createLead();
        String overdue = create(salesperson, lead, Map.of("type", "TASK", "subject", "late", "dueAt", Instant.now().minusSeconds(60).toString()));
        String lateMeeting = create(salesperson, lead, Map.of("type", "APPOINTMENT", "subject", "met",
                "startAt", Instant.now().minusSeconds(7200).toString(), "endAt", Instant.now().minusSeconds(3600).toString()));
        String future = create(salesperson, lead, call("soon"));
        String done = create(salesperson, lead, Map.of("type", "TASK", "subject", "done", "dueAt", Instant.now().minusSeconds(60).toString()));
        salesperson.call().post(activities(lead) + "/" + done + "/complete").then().statusCode(200);
        // a manager's activity on the salesperson's lead: in the salesperson's "all", not in "my-open"
        String managers = create(CAROL, lead, Map.of("type", "TASK", "subject", "manager's", "ownerId", "carol"));

        salesperson.call().get("/api/activities").then().statusCode(200)
                .body("items.id", contains(future, lateMeeting, overdue));
        salesperson.call().get("/api/activities?view=overdue").then().body("items.id", contains(lateMeeting, overdue));
        salesperson.call().get("/api/activities?view=all").then().body("items.id", contains(managers, done, future, lateMeeting, overdue));
        salesperson.call().get("/api/activities?view=all&ownerId=carol").then().body("items.id", contains(managers));
        ALICE.call().get("/api/activities?view=all&limit=200").then().body("items.id", not(hasItem(overdue)));
        CAROL.call().get("/api/activities?view=all&ownerId=" + owner).then().body("items.id", contains(done, future, lateMeeting, overdue));
        CAROL.call().get("/api/activities?view=overdue&ownerId=" + owner).then().body("items.id", contains(lateMeeting, overdue));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = salesperson.call().queryParam("view", "all").queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/activities").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            paged.addAll(ids);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(managers, done, future, lateMeeting, overdue), paged);

        for (String query : List.of("?view=mine", "?limit=0", "?limit=201", "?cursor=%%%")) {
            salesperson.call().get("/api/activities" + query).then().statusCode(400).contentType("application/problem+json");
        }
        salesperson.call().get("/api/activities?view=all&ownerId=nobody").then().statusCode(200).body("items", hasSize(0));
    }
}
