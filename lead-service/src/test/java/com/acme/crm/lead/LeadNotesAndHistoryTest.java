package com.acme.crm.lead;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.CAROL;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadNotesAndHistoryTest {

    @Test
    void notesAreListedOldestFirstWithAuthorAndTime() {
        String id = ALICE.createLead();
        ALICE.call().body(Map.of("text", "first call")).post("/api/leads/" + id + "/notes")
                .then().statusCode(201)
                .body("author", equalTo("alice")).body("createdAt", notNullValue()).body("leadId", equalTo(id));
        CAROL.call().body(Map.of("text", "x".repeat(10_000))).post("/api/leads/" + id + "/notes").then().statusCode(201);

        ALICE.call().get("/api/leads/" + id + "/notes").then().statusCode(200)
                .body("author", contains("alice", "carol"))
                .body("[0].text", equalTo("first call"));
    }

    @Test
    void notesMayBeAddedToClosedLeads() {
        String id = ALICE.createLead();
        ALICE.call().body(Map.of("reason", "NO_LONGER_INTERESTED")).post("/api/leads/" + id + "/disqualify").then().statusCode(200);
        ALICE.call().body(Map.of("text", "they may come back next year")).post("/api/leads/" + id + "/notes")
                .then().statusCode(201);
    }

    @Test
    void badNotesAre400s() {
        String id = ALICE.createLead();
        ALICE.call().body(Map.of("text", "x".repeat(10_001))).post("/api/leads/" + id + "/notes")
                .then().statusCode(400).body("violations[0].field", equalTo("text"));
        ALICE.call().body(Map.of("text", " ")).post("/api/leads/" + id + "/notes").then().statusCode(400);
        ALICE.call().body("{}").post("/api/leads/" + id + "/notes").then().statusCode(400);
        ALICE.call().post("/api/leads/" + id + "/notes").then().statusCode(400);
        ALICE.call().get("/api/leads/" + id + "/notes").then().body("", hasSize(0));
    }

    @Test
    void historyRecordsEveryChangeOldestFirstWithTheActingUser() {
        String id = ALICE.createLead();
        ALICE.call().body(Map.of("jobTitle", "CEO", "email", Api.uniqueEmail())).patch("/api/leads/" + id).then().statusCode(200);
        ALICE.call().body(Map.of("text", "n")).post("/api/leads/" + id + "/notes").then().statusCode(201);
        CAROL.call().body(Map.of("reason", "LOST", "note", "went with a competitor")).post("/api/leads/" + id + "/disqualify")
                .then().statusCode(200);
        ALICE.call().post("/api/leads/" + id + "/reactivate").then().statusCode(200);

        ALICE.call().get("/api/leads/" + id + "/history").then().statusCode(200)
                .body("action", contains("CREATED", "UPDATED", "NOTE_ADDED", "DISQUALIFIED", "REACTIVATED"))
                .body("actor", contains("alice", "alice", "alice", "carol", "alice"))
                .body("[0].fromState", nullValue())
                .body("[0].toState", equalTo("OPEN"))
                .body("[1].details", equalTo("changed jobTitle, email"))
                .body("[3].fromState", equalTo("OPEN"))
                .body("[3].toState", equalTo("DISQUALIFIED"))
                .body("[3].details", equalTo("LOST; note added"))
                .body("[4].fromState", equalTo("DISQUALIFIED"))
                .body("[4].toState", equalTo("OPEN"))
                .body("[4].at", notNullValue());
    }

    @Test
    void aPatchThatChangesNothingRecordsNothing() {
        String id = ALICE.createLead(Api.minimalLead(Map.of("jobTitle", "CEO")));
        ALICE.call().body(Map.of("jobTitle", "CEO")).patch("/api/leads/" + id).then().statusCode(200).body("version", equalTo(0));
        ALICE.call().get("/api/leads/" + id + "/history").then().body("action", contains("CREATED"));
    }
}
