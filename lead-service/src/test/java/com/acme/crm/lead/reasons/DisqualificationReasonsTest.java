package com.acme.crm.lead.reasons;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.BOB;
import static com.acme.crm.lead.support.Api.CAROL;
import static com.acme.crm.lead.support.Api.DAVE;
import static com.acme.crm.lead.support.LeadEventsTopic.is;
import static com.acme.crm.lead.support.LeadEventsTopic.readUntil;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §10: the organisation's own disqualification reasons beside the four fixed system reasons. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DisqualificationReasonsTest {

    private static final String REASONS = "/api/settings/disqualification-reasons";

    private static String uniqueCode() {
        return "R_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
    }

    @Test
    void everyoneReadsTheSystemReasonsFirstAndOnlyAnAdminAddsOne() {
        for (Api.User user : List.of(ALICE, CAROL, DAVE)) {
            user.call().get(REASONS).then().statusCode(200)
                    .body("code[0..3]", contains("LOST", "CANNOT_CONTACT", "NO_LONGER_INTERESTED", "CANCELED"))
                    .body("[0].label", equalTo("Lost")).body("[0].system", equalTo(true)).body("[0].active", equalTo(true));
        }
        String code = uniqueCode();
        DAVE.call().body(Map.of("code", code, "label", "Budget cut")).post(REASONS).then().statusCode(201)
                .header("Location", endsWith(REASONS + "/" + code))
                .body("code", equalTo(code)).body("label", equalTo("Budget cut"))
                .body("system", equalTo(false)).body("active", equalTo(true));
        ALICE.call().get(REASONS).then().body("code", hasItem(code));

        DAVE.call().body(Map.of("code", code, "label", "Again")).post(REASONS).then().statusCode(409)
                .contentType("application/problem+json");
        DAVE.call().body(Map.of("code", "LOST", "label", "Mine")).post(REASONS).then().statusCode(409);
        DAVE.call().body(Map.of("code", "QUALIFIED", "label", "Mine")).post(REASONS).then().statusCode(409);
        for (Api.User notAdmin : List.of(ALICE, CAROL)) {
            notAdmin.call().body(Map.of("code", uniqueCode(), "label", "x")).post(REASONS).then().statusCode(403)
                    .contentType("application/problem+json");
            notAdmin.call().body(Map.of("label", "x")).patch(REASONS + "/" + code).then().statusCode(403);
        }
        given().get(REASONS).then().statusCode(401);
        given().contentType("application/json").body(Map.of("code", uniqueCode(), "label", "x")).post(REASONS).then().statusCode(401);
    }

    @Test
    void badReasonsAre400sAndStoreNothing() {
        String lower = "budget_" + UUID.randomUUID().toString().substring(0, 4);
        String code = uniqueCode();
        List<String> bodies = List.of(
                "{\"code\":\"" + lower + "\",\"label\":\"x\"}",
                "{\"code\":\"A-B\",\"label\":\"x\"}",
                "{\"code\":\"" + "A".repeat(31) + "\",\"label\":\"x\"}",
                "{\"code\":\"" + code + "\"}",
                "{\"code\":\"" + code + "\",\"label\":\"  \"}",
                "{\"code\":\"" + code + "\",\"label\":\"" + "x".repeat(101) + "\"}",
                "{\"code\":\"" + code + "\",\"label\":\"x\",\"system\":true}",
                "{\"code\":\"" + code + "\",\"label\":42}",
                "{\"label\":\"x\"}",
                "{",
                "[]");
        for (String body : bodies) {
            DAVE.call().body(body).post(REASONS).then().statusCode(400).contentType("application/problem+json");
        }
        DAVE.call().body("{\"code\":\"" + code + "\"}").post(REASONS).then().body("violations[0].field", equalTo("label"));
        DAVE.call().get(REASONS).then().body("code", not(hasItem(code))).body("code", not(hasItem(lower)));

        DAVE.call().body(Map.of("code", code, "label", "Fine")).post(REASONS).then().statusCode(201);
        for (String body : List.of("{}", "{\"label\":\"\"}", "{\"label\":\" \"}", "{\"active\":\"no\"}", "{\"active\":1}",
                "{\"code\":\"OTHER\"}", "{\"label\":\"" + "x".repeat(101) + "\"}")) {
            DAVE.call().body(body).patch(REASONS + "/" + code).then().statusCode(400).contentType("application/problem+json");
        }
        DAVE.call().get(REASONS).then().body("find { it.code == '" + code + "' }.label", equalTo("Fine"))
                .body("find { it.code == '" + code + "' }.active", equalTo(true));
        DAVE.call().body(Map.of("label", "x")).patch(REASONS + "/NO_SUCH_" + code).then().statusCode(404);
    }

    @Test
    void systemReasonsCannotBeChangedOrRetired() {
        DAVE.call().body(Map.of("label", "Gone")).patch(REASONS + "/LOST").then().statusCode(409)
                .contentType("application/problem+json");
        DAVE.call().body(Map.of("active", false)).patch(REASONS + "/CANCELED").then().statusCode(409);
        DAVE.call().get(REASONS).then().body("[0].label", equalTo("Lost")).body("[3].active", equalTo(true));
    }

    @Test
    void aCustomReasonDisqualifiesCarriesItsLabelAndStaysOnTheLeadWhenRetired() {
        String code = uniqueCode();
        DAVE.call().body(Map.of("code", code, "label", "Budget cut")).post(REASONS).then().statusCode(201);
        String lead = ALICE.createLead();
        ALICE.call().body(Map.of("reason", code, "note", "no money this year")).post("/api/leads/" + lead + "/disqualify")
                .then().statusCode(200).body("state", equalTo("DISQUALIFIED"))
                .body("statusReason", equalTo(code)).body("statusReasonLabel", equalTo("Budget cut"));

        List<ConsumerRecord<String, String>> events = readUntil(is(lead, "crm.lead.disqualified.v1"),
                Duration.ofSeconds(20), Duration.ZERO);
        String data = events.stream().filter(is(lead, "crm.lead.disqualified.v1")).findFirst().orElseThrow().value();
        assertTrue(data.contains("\"statusReason\":\"" + code + "\"") && data.contains("\"statusReasonLabel\":\"Budget cut\""), data);

        DAVE.call().body(Map.of("label", "Budget frozen", "active", false)).patch(REASONS + "/" + code).then().statusCode(200)
                .body("label", equalTo("Budget frozen")).body("active", equalTo(false));
        ALICE.call().get("/api/leads/" + lead).then().statusCode(200)
                .body("statusReason", equalTo(code)).body("statusReasonLabel", equalTo("Budget frozen"));
        ALICE.call().queryParam("view", "closed").queryParam("statusReason", code).get("/api/leads")
                .then().statusCode(200).body("items.id", contains(lead)).body("items[0].statusReasonLabel", equalTo("Budget frozen"));

        String other = ALICE.createLead();
        ALICE.call().body(Map.of("reason", code)).post("/api/leads/" + other + "/disqualify").then().statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        ALICE.call().get("/api/leads/" + other).then().body("state", equalTo("OPEN"));

        DAVE.call().body(Map.of("active", true)).patch(REASONS + "/" + code).then().statusCode(200).body("active", equalTo(true));
        ALICE.call().body(Map.of("reason", code)).post("/api/leads/" + other + "/disqualify").then().statusCode(200);
    }

    @Test
    void unknownAndNonDisqualifyingReasonsAre400s() {
        String lead = BOB.createLead();
        for (String reason : List.of("NO_SUCH_REASON_X", "NEW", "QUALIFIED", "lost", "A B")) {
            BOB.call().body(Map.of("reason", reason)).post("/api/leads/" + lead + "/disqualify").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        BOB.call().body(Map.of("reason", "LOST")).post("/api/leads/" + lead + "/disqualify").then().statusCode(200)
                .body("statusReasonLabel", equalTo("Lost"));
        BOB.call().queryParam("statusReason", "NO_SUCH_REASON_X").get("/api/leads").then().statusCode(400)
                .body("violations[0].field", equalTo("statusReason"));
    }
}
