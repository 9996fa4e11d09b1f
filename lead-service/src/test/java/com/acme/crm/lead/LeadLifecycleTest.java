package com.acme.crm.lead;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.support.Api.ALICE;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadLifecycleTest {

    @Test
    void disqualifyClosesTheLeadWithItsReasonAndKeepsTheNote() {
        String id = ALICE.createLead();
        ALICE.call().body(Map.of("reason", "CANNOT_CONTACT", "note", "three calls, no answer"))
                .post("/api/leads/" + id + "/disqualify")
                .then().statusCode(200)
                .body("state", equalTo("DISQUALIFIED"))
                .body("statusReason", equalTo("CANNOT_CONTACT"))
                .body("closedAt", notNullValue())
                .body("version", equalTo(1));
        ALICE.call().get("/api/leads/" + id + "/notes").then().body("text", contains("three calls, no answer"));

        ALICE.call().body(Map.of("reason", "LOST")).post("/api/leads/" + id + "/disqualify")
                .then().statusCode(409).body("type", endsWith("/lead-closed"));
    }

    @Test
    void disqualifyNeedsADisqualifyingReason() {
        String id = ALICE.createLead();
        ALICE.call().body(Map.of("reason", "QUALIFIED")).post("/api/leads/" + id + "/disqualify")
                .then().statusCode(400).contentType("application/problem+json");
        ALICE.call().body(Map.of("reason", "BORED")).post("/api/leads/" + id + "/disqualify")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        ALICE.call().body(Map.of("note", "no reason")).post("/api/leads/" + id + "/disqualify")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        ALICE.call().get("/api/leads/" + id).then().body("state", equalTo("OPEN"));
    }

    @Test
    void aQualificationInProgressLocksTheLead() {
        String id = ALICE.createLead();
        Db.execute("update lead set qualification_in_progress = true where id = '" + id + "'");
        ALICE.call().body(Map.of("jobTitle", "CEO")).patch("/api/leads/" + id)
                .then().statusCode(409).body("type", endsWith("/qualification-in-progress"));
        ALICE.call().body(Map.of("reason", "LOST")).post("/api/leads/" + id + "/disqualify")
                .then().statusCode(409).body("type", endsWith("/qualification-in-progress"));
        ALICE.call().delete("/api/leads/" + id)
                .then().statusCode(409).body("type", endsWith("/qualification-in-progress"));
        ALICE.call().get("/api/leads/" + id).then().statusCode(200).body("qualificationInProgress", equalTo(true));
    }

    @Test
    void aLeadWithAnOpportunityCannotBeDisqualified() {
        String id = ALICE.createLead();
        Db.execute("update lead set opportunity_id = '" + UUID.randomUUID() + "' where id = '" + id + "'");
        ALICE.call().body(Map.of("reason", "LOST")).post("/api/leads/" + id + "/disqualify")
                .then().statusCode(409).body("type", endsWith("/lead-has-opportunity"));
    }

    @Test
    void reactivateReopensAQualifiedLeadAndListsWhatItsQualificationMade() {
        String id = ALICE.createLead();
        UUID account = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        UUID opportunity = UUID.randomUUID();
        // as the qualification saga leaves a lead: closed as QUALIFIED with the three records
        Db.execute("update lead set state = 'QUALIFIED', status_reason = 'QUALIFIED', closed_at = now(), account_id = '"
                + account + "', contact_id = '" + contact + "', opportunity_id = '" + opportunity + "' where id = '" + id + "'");
        ALICE.call().body(Map.of("text", "kept")).post("/api/leads/" + id + "/notes").then().statusCode(201);

        ALICE.call().post("/api/leads/" + id + "/reactivate").then().statusCode(200)
                .body("id", equalTo(id))
                .body("state", equalTo("OPEN"))
                .body("statusReason", equalTo("NEW"))
                .body("closedAt", nullValue())
                .body("relatedRecords.accountId", equalTo(account.toString()))
                .body("relatedRecords.contactId", equalTo(contact.toString()))
                .body("relatedRecords.opportunityId", equalTo(opportunity.toString()));
        ALICE.call().get("/api/leads/" + id + "/notes").then().body("text", contains("kept"));
        ALICE.call().get("/api/leads/" + id).then().body("opportunityId", equalTo(opportunity.toString()));
        ALICE.call().body(Map.of("jobTitle", "CEO")).patch("/api/leads/" + id).then().statusCode(200);
    }

    @Test
    void onlyClosedLeadsCanBeReactivated() {
        String id = ALICE.createLead();
        ALICE.call().post("/api/leads/" + id + "/reactivate").then().statusCode(409).body("type", endsWith("/lead-open"));
        ALICE.call().post("/api/leads/" + UUID.randomUUID() + "/reactivate").then().statusCode(404);
    }
}
