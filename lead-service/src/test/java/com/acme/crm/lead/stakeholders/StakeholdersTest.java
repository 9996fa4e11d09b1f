package com.acme.crm.lead.stakeholders;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.BOB;
import static com.acme.crm.lead.support.Api.CAROL;
import static com.acme.crm.lead.support.Api.DAVE;
import static com.acme.crm.lead.support.LeadEventsTopic.header;
import static com.acme.crm.lead.support.LeadEventsTopic.is;
import static com.acme.crm.lead.support.LeadEventsTopic.readUntil;
import static com.acme.crm.lead.support.LeadEventsTopic.withKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SPEC §10 stakeholders, against lead-service's copy of the contacts. The test plays account-service:
 * it publishes contact events on crm.account.events as account-service does (the Contact schema).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class StakeholdersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String stakeholders(String lead) {
        return "/api/leads/" + lead + "/stakeholders";
    }

    private static void contactEvent(String type, String id, String lastName, String jobTitle, long version) {
        String json = "{\"id\":\"" + id + "\",\"firstName\":\"Ada\",\"lastName\":\"" + lastName + "\",\"email\":\"ada-" + id
                + "@example.com\",\"jobTitle\":\"" + jobTitle + "\",\"ownerId\":\"alice\",\"version\":" + version
                + ",\"createdAt\":\"2026-11-26T10:00:00Z\",\"somethingNew\":{\"a\":1}}";
        KafkaProbe.send(Topics.ACCOUNT_EVENTS, id, type, json);
    }

    private static String knownContact() {
        String id = UUID.randomUUID().toString();
        contactEvent(PublicEvents.CONTACT_CREATED, id, "Lovelace", "CTO", 0);
        return id;
    }

    @Test
    void aContactWhoseEventArrivesWhileTheCallWaitsIsAccepted() throws Exception {
        String lead = ALICE.createLead();
        String contact = UUID.randomUUID().toString();
        CompletableFuture<io.restassured.response.Response> call = CompletableFuture.supplyAsync(() ->
                ALICE.call().body(Map.of("contactId", contact, "role", "DECISION_MAKER")).post(stakeholders(lead)));
        Thread.sleep(300); // the call is waiting for the contact (a fixed head start, not a wait for a result)
        contactEvent(PublicEvents.CONTACT_CREATED, contact, "Lovelace", "CTO", 0);
        call.get(10, TimeUnit.SECONDS).then().statusCode(201)
                .header("Location", equalTo(stakeholders(lead) + "/" + call.get().path("id")))
                .body("contactId", equalTo(contact)).body("role", equalTo("DECISION_MAKER"))
                .body("lastName", equalTo("Lovelace")).body("jobTitle", equalTo("CTO")).body("contactDeleted", equalTo(false));
    }

    @Test
    void accountAndContactEventsPassWithoutAnInboxRecord_aRepeatedContactEventWritesNothing() {
        String contact = UUID.randomUUID().toString();
        // on the contact's partition, ahead of its event: an account event lead-service does not act on
        String accountEvent = KafkaProbe.send(Topics.ACCOUNT_EVENTS, contact, PublicEvents.ACCOUNT_CREATED,
                "{\"id\":\"" + contact + "\",\"name\":\"Not for us\"}");
        String created = "{\"id\":\"" + contact + "\",\"lastName\":\"Known\",\"version\":0}";
        String contactEvent = KafkaProbe.send(Topics.ACCOUNT_EVENTS, contact, PublicEvents.CONTACT_CREATED, created);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("select count(*) from contact_copy where id = '" + contact + "' and last_name = 'Known'") == 1);
        String written = Db.text("select xmin::text from contact_copy where id = '" + contact + "'");

        // the same event again, twice in one poll (as a relay's resend would), then a marker behind it on its partition
        KafkaProbe.sendTogether(Topics.ACCOUNT_EVENTS, contact, List.of(
                new KafkaProbe.Event(PublicEvents.CONTACT_CREATED, contactEvent, created),
                new KafkaProbe.Event(PublicEvents.CONTACT_CREATED, contactEvent, created)));
        String marker = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.ACCOUNT_EVENTS, contact, PublicEvents.CONTACT_CREATED,
                "{\"id\":\"" + marker + "\",\"lastName\":\"Marker\",\"version\":0}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("select count(*) from contact_copy where id = '" + marker + "'") == 1);

        assertEquals(written, Db.text("select xmin::text from contact_copy where id = '" + contact + "'"),
                "the repeats found the copy as the event left it and wrote nothing");
        assertEquals(0, Db.count("select count(*) from processed_message where message_id in ('" + accountEvent + "', '"
                + contactEvent + "')"), "no inbox record: the copy's version decides (ContactCopyRule)");
    }

    @Test
    void anUnknownContactIs422NamingContactIdAndNothingIsStored() {
        String lead = ALICE.createLead();
        ALICE.call().body(Map.of("contactId", UUID.randomUUID().toString())).post(stakeholders(lead)).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("contactId"));
        ALICE.call().get(stakeholders(lead)).then().statusCode(200).body("$", empty());
    }

    @Test
    void aRenamedContactShowsItsNewNameAndADeletedOneCannotBeAdded() {
        String lead = BOB.createLead();
        String contact = knownContact();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                BOB.call().body(Map.of("contactId", contact)).post(stakeholders(lead)).then().statusCode(201)
                        .body("role", equalTo("STAKEHOLDER")));
        contactEvent(PublicEvents.CONTACT_UPDATED, contact, "King", "CEO", 1);
        contactEvent(PublicEvents.CONTACT_UPDATED, contact, "Stale", "old", 0); // late and older: ignored
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> BOB.call().get(stakeholders(lead)).then()
                .body("lastName", contains("King")).body("jobTitle", contains("CEO")));

        contactEvent(PublicEvents.CONTACT_DELETED, contact, "King", "CEO", 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> BOB.call().get(stakeholders(lead)).then()
                .body("contactDeleted", contains(true)).body("lastName", contains("King")));
        String other = BOB.createLead();
        BOB.call().body(Map.of("contactId", contact)).post(stakeholders(other)).then().statusCode(422);
    }

    @Test
    void rolesChangeAContactIsThereOnceAndRemovalIsHistory() {
        String lead = ALICE.createLead();
        String contact = knownContact();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                ALICE.call().body(Map.of("contactId", contact, "role", "INFLUENCER")).post(stakeholders(lead)).then().statusCode(201));
        ALICE.call().body(Map.of("contactId", contact)).post(stakeholders(lead)).then().statusCode(409)
                .contentType("application/problem+json");
        String id = ALICE.call().get(stakeholders(lead)).then().extract().path("[0].id");
        ALICE.call().body(Map.of("role", "ECONOMIC_BUYER")).patch(stakeholders(lead) + "/" + id).then().statusCode(200)
                .body("role", equalTo("ECONOMIC_BUYER")).body("version", equalTo(1));
        ALICE.call().delete(stakeholders(lead) + "/" + id).then().statusCode(204);
        ALICE.call().delete(stakeholders(lead) + "/" + id).then().statusCode(404);
        ALICE.call().get(stakeholders(lead)).then().body("$", empty());
        ALICE.call().get("/api/leads/" + lead + "/history").then()
                .body("action", hasItem("STAKEHOLDER_ADDED")).body("action", hasItem("STAKEHOLDER_CHANGED"))
                .body("action", hasItem("STAKEHOLDER_REMOVED"));

        List<ConsumerRecord<String, String>> events = withKey(readUntil(is(lead, PublicEvents.LEAD_STAKEHOLDER_REMOVED),
                Duration.ofSeconds(20), Duration.ofSeconds(1)), lead);
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(header(e, "ce_type")));
        assertEquals(List.of(PublicEvents.LEAD_CREATED, PublicEvents.LEAD_STAKEHOLDER_ADDED, PublicEvents.LEAD_STAKEHOLDER_UPDATED,
                PublicEvents.LEAD_STAKEHOLDER_REMOVED), types);
    }

    @Test
    void theStakeholdersGoToTheOpportunityOnQualificationAndAFailedOneLeavesThemAsTheyWere() throws Exception {
        String lead = ALICE.createLead(Api.minimalLead(Map.of("currency", "EUR", "budgetAmount", 1000)));
        String first = knownContact();
        String second = knownContact();
        for (Map<String, String> body : List.of(Map.of("contactId", first, "role", "TECHNICAL_BUYER"), Map.of("contactId", second))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    ALICE.call().body(body).post(stakeholders(lead)).then().statusCode(201));
        }
        ALICE.call().body(Map.of()).post("/api/leads/" + lead + "/qualify").then().statusCode(202);
        JsonNode resolve = JSON.readTree(KafkaProbe.await(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, 1,
                KafkaProbe.ofType(QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name())).get(0).value());
        UUID attempt = UUID.fromString(resolve.get("qualificationId").asText());
        String before = ALICE.call().get(stakeholders(lead)).then().statusCode(200).extract().asString();
        // account-service linked the first stakeholder's contact as the lead's contact
        KafkaProbe.send(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name(),
                JSON.writeValueAsString(new AccountAndContactResolved(attempt, UUID.fromString(lead), UUID.randomUUID(), UUID.fromString(first))));

        JsonNode create = JSON.readTree(KafkaProbe.await(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, lead, 1,
                KafkaProbe.ofType(QualificationMessages.CREATE_OPPORTUNITY.name())).get(0).value());
        assertEquals(first, create.get("stakeholders").get(0).get("contactId").asText());
        assertEquals("TECHNICAL_BUYER", create.get("stakeholders").get(0).get("role").asText());
        assertEquals(second, create.get("stakeholders").get(1).get("contactId").asText());
        assertEquals("STAKEHOLDER", create.get("stakeholders").get(1).get("role").asText());
        assertEquals(2, create.get("stakeholders").size());

        // the opportunity step is rejected: the attempt fails, account-service is told to undo the attempt (by
        // its id only: it removes what the attempt created, never the contacts that existed before), and the
        // lead keeps its stakeholders exactly as they were
        KafkaProbe.send(Topics.QUALIFICATION_REPLIES_INTERACTIVE, lead, QualificationMessages.OPPORTUNITY_REJECTED.name(),
                JSON.writeValueAsString(new OpportunityRejected(attempt, UUID.fromString(lead), "rejected by the test")));
        JsonNode undo = JSON.readTree(KafkaProbe.await(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, 1,
                KafkaProbe.ofType(QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name())).get(0).value());
        assertEquals(JSON.readTree(JSON.writeValueAsString(new UndoAccountAndContact(attempt, UUID.fromString(lead)))), undo);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                ALICE.call().get("/api/leads/" + lead + "/qualification").then().body("status", equalTo("FAILED")));
        assertEquals(JSON.readTree(before), JSON.readTree(ALICE.call().get(stakeholders(lead)).then().statusCode(200).extract().asString()));
    }

    @Test
    void whoReachesStakeholdersAndBadInput() {
        String lead = ALICE.createLead();
        String contact = knownContact();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                ALICE.call().body(Map.of("contactId", contact)).post(stakeholders(lead)).then().statusCode(201));
        String id = ALICE.call().get(stakeholders(lead)).then().extract().path("[0].id");
        BOB.call().get(stakeholders(lead)).then().statusCode(404).contentType("application/problem+json");
        BOB.call().body(Map.of("contactId", contact)).post(stakeholders(lead)).then().statusCode(404);
        BOB.call().body(Map.of("role", "END_USER")).patch(stakeholders(lead) + "/" + id).then().statusCode(404);
        BOB.call().delete(stakeholders(lead) + "/" + id).then().statusCode(404);
        for (Api.User manager : List.of(CAROL, DAVE)) {
            manager.call().get(stakeholders(lead)).then().statusCode(200).body("contactId", contains(contact));
        }
        given().get(stakeholders(lead)).then().statusCode(401);
        String other = ALICE.createLead();
        ALICE.call().body(Map.of("role", "END_USER")).patch(stakeholders(other) + "/" + id).then().statusCode(404);

        for (String body : List.of("{}", "{\"contactId\":\"nope\"}", "{\"contactId\":\"" + contact + "\",\"role\":\"BOSS\"}",
                "{\"contactId\":\"" + contact + "\",\"extra\":1}", "{\"contactId\":5}", "[]", "{")) {
            ALICE.call().body(body).post(stakeholders(other)).then().statusCode(400).contentType("application/problem+json");
        }
        for (String body : List.of("{}", "{\"role\":null}", "{\"role\":\"BOSS\"}", "{\"role\":\"END_USER\",\"contactId\":\"" + contact + "\"}")) {
            ALICE.call().body(body).patch(stakeholders(lead) + "/" + id).then().statusCode(400).contentType("application/problem+json");
        }
        ALICE.call().get(stakeholders(other)).then().body("$", empty());
        ALICE.call().get(stakeholders(lead)).then().body("role", contains("STAKEHOLDER"));
    }
}
