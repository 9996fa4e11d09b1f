package com.acme.crm.account;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SPEC §10: "compensation never touches stakeholder contacts: they existed before". A lead's
 * stakeholders are contacts a user made in account-service; when the lead's qualification links
 * them (by id, or by email under LINK_EXISTING) and then fails (the opportunity step rejected, so
 * lead-service sends UndoAccountAndContact), the contacts stay exactly as they were, while what
 * the attempt itself created goes. On the real connector and database.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class StakeholderContactCompensationTest {

    private static final String CAROL = TestTokens.token("carol", "sales-manager");

    @Inject
    ObjectMapper json;

    @Test
    void aFailedQualificationThatLinkedTheStakeholderContactsLeavesThemUntouched() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // the stakeholders: contacts a manager made through the API, one on an account
        String account = given().auth().oauth2(CAROL).contentType(ContentType.JSON).body(Map.of("name", "Stake " + tag + " AG"))
                .post("/api/accounts").then().statusCode(201).extract().path("id");
        String byId = contact(Map.of("firstName", "Ines", "lastName", "Duarte", "email", "ines-" + tag + "@stake.example",
                "accountId", account));
        String byEmail = contact(Map.of("firstName", "Ole", "lastName", "Berg", "email", "ole-" + tag + "@stake.example"));
        String byIdBefore = view(byId);
        String byEmailBefore = view(byEmail);

        // attempt 1 links the first as the lead's contact (existing ids), attempt 2 finds the second by its email
        UUID lead1 = UUID.randomUUID();
        UUID attempt1 = UUID.randomUUID();
        JsonNode resolved1 = resolve(new ResolveAccountAndContact(attempt1, lead1, "carol", true, true, UUID.fromString(account),
                UUID.fromString(byId), DuplicatePolicy.REPORT, prospect("Stake " + tag + " AG", "ines-" + tag + "@stake.example")));
        assertEquals(byId, resolved1.get("contactId").asText());
        UUID lead2 = UUID.randomUUID();
        UUID attempt2 = UUID.randomUUID();
        JsonNode resolved2 = resolve(new ResolveAccountAndContact(attempt2, lead2, "carol", true, true, null, null,
                DuplicatePolicy.LINK_EXISTING, prospect("Other " + tag + " GmbH", "OLE-" + tag + "@stake.example")));
        assertEquals(byEmail, resolved2.get("contactId").asText());
        String createdByAttempt2 = resolved2.get("accountId").asText(); // a new account: the attempt's own record

        // both fail at the opportunity step: lead-service compensates
        undo(attempt1, lead1);
        undo(attempt2, lead2);

        assertEquals(byIdBefore, view(byId));
        assertEquals(byEmailBefore, view(byEmail));
        given().auth().oauth2(CAROL).get("/api/accounts/" + account).then().statusCode(200);
        assertEquals(0, Db.count("select count(*) from account where id = '" + createdByAttempt2 + "'"), "the attempt's own account goes");
        assertEquals(0, Db.count("select count(*) from record_link where record_id in ('" + byId + "', '" + byEmail + "')"));
    }

    private String contact(Map<String, Object> body) {
        return given().auth().oauth2(CAROL).contentType(ContentType.JSON).body(body)
                .post("/api/contacts").then().statusCode(201).extract().path("id");
    }

    /** The contact as the API shows it, every field (version and modifiedAt included). */
    private static String view(String contact) {
        return given().auth().oauth2(CAROL).get("/api/contacts/" + contact).then().statusCode(200).extract().asString();
    }

    private JsonNode resolve(ResolveAccountAndContact command) throws Exception {
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, command.leadId().toString(),
                QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), json.writeValueAsString(command));
        var records = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, command.leadId().toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));
        return json.readTree(records.get(0).value());
    }

    private void undo(UUID attempt, UUID lead) throws Exception {
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(), QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name(),
                json.writeValueAsString(new UndoAccountAndContact(attempt, lead)));
        ConsumerLag.awaitNone("account-service", Topics.ACCOUNT_COMMANDS, Duration.ofSeconds(20));
    }

    private static ProspectDetails prospect(String company, String email) {
        return new ProspectDetails(company, null, "Manufacturing", "Ada", "Lovelace", "Buyer", email,
                "+44 20 7946 0000", null, "1 Stake Way", "London", null, "EC1A 1AA", "GB");
    }
}
