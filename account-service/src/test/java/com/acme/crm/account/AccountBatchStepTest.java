package com.acme.crm.account;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.KafkaProbe.Event;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * account-service's step with several commands in one consumer batch (sent in one produce request, so one poll
 * takes them): the batch loads for all and writes at its end, yet each command must decide as if handled alone,
 * after the ones before it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccountBatchStepTest {

    private static final String RESOLVE = QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name();
    private static final String RESOLVED = QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name();

    @Inject
    ObjectMapper json;

    @Test
    void theSecondProspectOfACompanyInOneBatchLinksTheFirstsNewRecords() throws Exception {
        String company = "Twin Turbines " + UUID.randomUUID();
        String email = "twin-" + UUID.randomUUID() + "@turbines.example";
        ResolveAccountAndContact first = resolve(UUID.randomUUID(), company, email, DuplicatePolicy.LINK_EXISTING);
        ResolveAccountAndContact second = resolve(UUID.randomUUID(), company.toUpperCase() + " GmbH", email.toUpperCase(),
                DuplicatePolicy.LINK_EXISTING);
        KafkaProbe.sendTogether(Topics.ACCOUNT_COMMANDS, "batch", List.of(event(first), event(second)));

        JsonNode one = reply(first, RESOLVED);
        JsonNode two = reply(second, RESOLVED);
        assertEquals(one.get("accountId").asText(), two.get("accountId").asText());
        assertEquals(one.get("contactId").asText(), two.get("contactId").asText());
        accounts(first.leadId(), 1);
        accounts(second.leadId(), 0);
    }

    @Test
    void theSecondProspectOfACompanyInOneBatchIsReportedAsADuplicateOfTheFirst() throws Exception {
        String company = "Echo Engines " + UUID.randomUUID();
        ResolveAccountAndContact first = resolve(UUID.randomUUID(), company, null, DuplicatePolicy.REPORT);
        ResolveAccountAndContact second = resolve(UUID.randomUUID(), company + ", Inc.", null, DuplicatePolicy.REPORT);
        KafkaProbe.sendTogether(Topics.ACCOUNT_COMMANDS, "batch", List.of(event(first), event(second)));

        JsonNode created = reply(first, RESOLVED);
        JsonNode duplicates = reply(second, QualificationMessages.DUPLICATES_FOUND.name());
        assertEquals(1, duplicates.get("accounts").size());
        assertEquals(created.get("accountId").asText(), duplicates.get("accounts").get(0).get("id").asText());
        assertEquals("name", duplicates.get("accounts").get(0).get("matchedOn").asText());
        accounts(second.leadId(), 0);
    }

    @Test
    void anUndoInTheBatchRemovesWhatTheResolveBeforeItMade_andTheCommandsAfterItSeeThat() throws Exception {
        String company = "Ghost Gears " + UUID.randomUUID();
        ResolveAccountAndContact resolved = resolve(UUID.randomUUID(), company, null, DuplicatePolicy.LINK_EXISTING);
        String undo = json.writeValueAsString(new UndoAccountAndContact(resolved.qualificationId(), resolved.leadId()));
        ResolveAccountAndContact again = resolved; // the same attempt, resent under a new message id after its undo
        ResolveAccountAndContact other = resolve(UUID.randomUUID(), company, null, DuplicatePolicy.LINK_EXISTING);
        KafkaProbe.sendTogether(Topics.ACCOUNT_COMMANDS, "batch", List.of(event(resolved),
                new Event(QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name(), undo), event(again), event(other)));

        List<ConsumerRecord<String, String>> replies = KafkaProbe.await(Topics.QUALIFICATION_REPLIES,
                resolved.leadId().toString(), 2, record -> true);
        assertEquals(RESOLVED, KafkaProbe.header(replies.get(0), "ce_type"));
        assertEquals(QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED.name(), KafkaProbe.header(replies.get(1), "ce_type"));
        JsonNode undone = json.readTree(replies.get(0).value());
        JsonNode linked = reply(other, RESOLVED);
        // the undone attempt's account was removed, so the other lead made its own instead of linking a deleted one
        assertNotEquals(undone.get("accountId").asText(), linked.get("accountId").asText());
        accounts(resolved.leadId(), 0);
        accounts(other.leadId(), 1);
    }

    @Test
    void aPoisonMessageInTheBatchIsSetAsideAndTheOthersWriteTheirRecordsOnce() throws Exception {
        String company = "Poison Pumps " + UUID.randomUUID();
        ResolveAccountAndContact before = resolve(UUID.randomUUID(), company, null, DuplicatePolicy.LINK_EXISTING);
        ResolveAccountAndContact after = resolve(UUID.randomUUID(), company, null, DuplicatePolicy.LINK_EXISTING);
        Event poison = new Event(RESOLVE, "{not json");
        KafkaProbe.sendTogether(Topics.ACCOUNT_COMMANDS, "batch", List.of(event(before), poison, event(after)));

        JsonNode one = reply(before, RESOLVED);
        JsonNode two = reply(after, RESOLVED);
        assertEquals(one.get("accountId").asText(), two.get("accountId").asText());
        accounts(before.leadId(), 1);
        String admin = TestTokens.token("dave", "admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get("/ops/set-aside?limit=500")
                .then().statusCode(200).body("items.messageId", hasItem(poison.ceId())));
        // each answered once
        ConsumerLag.awaitNone("account-service", Topics.ACCOUNT_COMMANDS, Duration.ofSeconds(30));
        assertEquals(1, KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, before.leadId().toString()).size());
        assertEquals(1, KafkaProbe.relayed(Topics.QUALIFICATION_REPLIES, after.leadId().toString()).size());
    }

    private Event event(ResolveAccountAndContact command) throws Exception {
        return new Event(RESOLVE, json.writeValueAsString(command));
    }

    private JsonNode reply(ResolveAccountAndContact command, String type) throws Exception {
        return json.readTree(KafkaProbe.await(Topics.QUALIFICATION_REPLIES, command.leadId().toString(), 1,
                KafkaProbe.ofType(type)).get(0).value());
    }

    private static void accounts(UUID lead, int expected) {
        given().auth().oauth2(TestTokens.token("dave", "admin"))
                .queryParam("originatingLeadId", lead).get("/api/accounts")
                .then().statusCode(200).body("items", hasSize(expected));
    }

    private static ResolveAccountAndContact resolve(UUID attempt, String company, String email, DuplicatePolicy policy) {
        return new ResolveAccountAndContact(attempt, UUID.randomUUID(), "owner-1", true, true, null, null, policy,
                new ProspectDetails(company, null, "Software", "Ada", "Lovelace", "CTO", email,
                        "+49 30 1234", null, "Main St 1", "Berlin", null, "10115", "DE"));
    }
}
