package com.acme.crm.account;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** account-service's saga step on the real connector and database: commands in, records and replies out. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccountQualificationStepTest {

    @Inject
    ObjectMapper json;

    @Test
    void createsAccountAndContactOnceEvenWhenTheCommandIsDeliveredTwice() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        String command = json.writeValueAsString(resolve(attempt, lead, "Nimbus Analytics GmbH", "nimbus.io",
                "ada-" + lead + "@nimbus.io", DuplicatePolicy.REPORT));
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), ceId, command);
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), ceId, command);

        JsonNode reply = data(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name())).get(0));
        assertEquals(attempt.toString(), reply.get("qualificationId").asText());

        given().auth().oauth2(TestTokens.token("alice", "salesperson"))
                .queryParam("originatingLeadId", lead).get("/api/accounts")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].name", equalTo("Nimbus Analytics GmbH"))
                .body("items[0].ownerId", equalTo("owner-1"))
                .body("items[0].id", equalTo(reply.get("accountId").asText()));
        given().auth().oauth2(TestTokens.token("alice", "salesperson"))
                .queryParam("originatingLeadId", lead).get("/api/contacts")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].accountId", equalTo(reply.get("accountId").asText()));

        // no inbox row: the repeat found the attempt's links and answered again with the same ids, making nothing
        List<ConsumerRecord<String, String>> replies = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 2,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));
        assertEquals(reply, data(replies.get(1)));
        assertEquals(2, KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, lead.toString()).size());
        KafkaProbe.await(Topics.ACCOUNT_EVENTS, reply.get("accountId").asText(), 1, KafkaProbe.ofType("crm.account.created.v1"));
        assertEquals(1, KafkaProbe.relayed(Topics.ACCOUNT_EVENTS, reply.get("accountId").asText()).size());
    }

    @Test
    void aCommandResentUnderANewMessageIdIsAnsweredFromTheAttemptsLinks_evenInOneBatch() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        String command = json.writeValueAsString(resolve(attempt, lead, "Resent Robotics " + lead, null,
                "resent-" + lead + "@robotics.example", DuplicatePolicy.REPORT));
        // two message ids, as a sender's repeat would have: the second must find the first's links, not duplicates
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), command);
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), command);

        List<ConsumerRecord<String, String>> replies = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 2,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));
        JsonNode first = data(replies.get(0));
        JsonNode second = data(replies.get(1));
        assertEquals(first.get("accountId").asText(), second.get("accountId").asText());
        assertEquals(first.get("contactId").asText(), second.get("contactId").asText());
        given().auth().oauth2(TestTokens.token("alice", "salesperson"))
                .queryParam("originatingLeadId", lead).get("/api/accounts")
                .then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(TestTokens.token("alice", "salesperson"))
                .queryParam("originatingLeadId", lead).get("/api/contacts")
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void reportsDuplicatesByNormalisedNameAndEmailAndCreatesNothing() throws Exception {
        UUID firstLead = UUID.randomUUID();
        String email = "grace-" + firstLead + "@hopper.example";
        send(resolve(UUID.randomUUID(), firstLead, "Hopper Systems, Inc.", "hopper.example", email, DuplicatePolicy.REPORT));
        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, firstLead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));

        UUID secondLead = UUID.randomUUID();
        send(resolve(UUID.randomUUID(), secondLead, "HOPPER  systems ltd.", null, email.toUpperCase(), DuplicatePolicy.REPORT));
        JsonNode duplicates = data(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, secondLead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.DUPLICATES_FOUND.name())).get(0));
        assertEquals(1, duplicates.get("accounts").size());
        assertEquals("name", duplicates.get("accounts").get(0).get("matchedOn").asText());
        assertEquals(1, duplicates.get("contacts").size());
        given().auth().oauth2(TestTokens.token("carol", "sales-manager"))
                .queryParam("originatingLeadId", secondLead).get("/api/accounts")
                .then().statusCode(200).body("items", hasSize(0));

        // LINK_EXISTING uses the matches, CREATE_NEW makes new records
        UUID linkLead = UUID.randomUUID();
        send(resolve(UUID.randomUUID(), linkLead, "Hopper Systems", null, email, DuplicatePolicy.LINK_EXISTING));
        JsonNode linked = data(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, linkLead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name())).get(0));
        assertEquals(duplicates.get("accounts").get(0).get("id").asText(), linked.get("accountId").asText());
        UUID newLead = UUID.randomUUID();
        send(resolve(UUID.randomUUID(), newLead, "Hopper Systems", null, email, DuplicatePolicy.CREATE_NEW));
        JsonNode created = data(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, newLead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name())).get(0));
        assertTrue(!created.get("accountId").asText().equals(linked.get("accountId").asText()));
    }

    @Test
    void rejectsUnknownExistingIdsAndUndoRemovesOnlyWhatTheAttemptCreated() throws Exception {
        UUID lead = UUID.randomUUID();
        ResolveAccountAndContact unknown = new ResolveAccountAndContact(UUID.randomUUID(), lead, "owner-1", true, true,
                UUID.randomUUID(), null, DuplicatePolicy.REPORT, prospect("X Corp", null, null));
        send(unknown);
        JsonNode rejected = data(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED.name())).get(0));
        assertTrue(rejected.get("reason").asText().contains("does not exist"));

        UUID attempt = UUID.randomUUID();
        send(resolve(attempt, lead, "Undo Me Ltd " + lead, null, "undo-" + lead + "@x.example", DuplicatePolicy.REPORT));
        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));
        String token = TestTokens.token("dave", "admin");
        given().auth().oauth2(token).queryParam("originatingLeadId", lead).get("/api/contacts")
                .then().body("items", hasSize(1));

        String undo = json.writeValueAsString(new UndoAccountAndContact(attempt, lead));
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(), QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name(), undo);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(token).queryParam("originatingLeadId", lead).get("/api/contacts")
                    .then().body("items", hasSize(0));
            given().auth().oauth2(token).queryParam("originatingLeadId", lead).get("/api/accounts")
                    .then().body("items", hasSize(0));
        });
    }

    @Test
    void poisonMessageIsSetAsideAndTheNextOneIsStillHandled() throws Exception {
        UUID lead = UUID.randomUUID();
        String poison = KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(),
                QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), "{not json");
        String admin = TestTokens.token("dave", "admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get("/ops/set-aside?limit=500")
                .then().statusCode(200).body("items.messageId", hasItem(poison)));
        send(resolve(UUID.randomUUID(), lead, "After Poison AG " + lead, null, null, DuplicatePolicy.REPORT));
        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));
    }

    private void send(ResolveAccountAndContact command) throws Exception {
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, command.leadId().toString(),
                QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), json.writeValueAsString(command));
    }

    private JsonNode data(ConsumerRecord<String, String> record) throws Exception {
        return json.readTree(record.value());
    }

    private static ResolveAccountAndContact resolve(UUID attempt, UUID lead, String company, String website, String email,
                                                    DuplicatePolicy policy) {
        return new ResolveAccountAndContact(attempt, lead, "owner-1", true, true, null, null, policy,
                prospect(company, website, email));
    }

    private static ProspectDetails prospect(String company, String website, String email) {
        return new ProspectDetails(company, website, "Software", "Ada", "Lovelace", "CTO", email,
                "+49 30 1234", null, "Main St 1", "Berlin", null, "10115", "DE");
    }
}
