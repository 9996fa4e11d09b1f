package com.acme.crm.lead.timeline;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.lead.attachments.Uploads;
import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §10 timeline, and the whole-lead test: a lead with activities, stakeholders, a file
 * and a custom-reason disqualification, reactivated and qualified, loses nothing, duplicates nothing,
 * publishes every event once, and its opportunity command carries the notes, stakeholders and files.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class TimelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String lead(String id) {
        return "/api/leads/" + id;
    }

    private static List<JsonNode> wholeTimeline(Api.User user, String lead, int pageSize) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = "";
        do {
            String body = user.call().queryParam("limit", pageSize).queryParam("cursor", cursor).get(lead(lead) + "/timeline")
                    .then().statusCode(200).extract().asString();
            JsonNode page = JSON.readTree(body);
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    @Test
    void aLeadWithEverythingReactivatedAndQualifiedKeepsEverythingOnceNewestFirst() throws Exception {
        String code = "TL_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        DAVE.call().body(Map.of("code", code, "label", "Went with a competitor")).post("/api/settings/disqualification-reasons")
                .then().statusCode(201);
        String id = ALICE.createLead(Api.minimalLead(Map.of("currency", "EUR", "budgetAmount", 5000)));
        ALICE.call().body(Map.of("text", "first call went well")).post(lead(id) + "/notes").then().statusCode(201);
        String call = ALICE.call().body(Map.of("type", "PHONE_CALL", "subject", "Call back", "direction", "OUTGOING"))
                .post(lead(id) + "/activities").then().statusCode(201).extract().path("id");
        ALICE.call().body(Map.of("type", "TASK", "subject", "Send offer", "dueAt", Instant.now().plusSeconds(3600).toString()))
                .post(lead(id) + "/activities").then().statusCode(201);
        ALICE.call().body(Map.of("outcome", "interested")).post(lead(id) + "/activities/" + call + "/complete").then().statusCode(200);
        String contact = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.ACCOUNT_EVENTS, contact, PublicEvents.CONTACT_CREATED,
                "{\"id\":\"" + contact + "\",\"firstName\":\"Ines\",\"lastName\":\"Duarte\",\"version\":0}");
        ALICE.call().body(Map.of("contactId", contact, "role", "DECISION_MAKER")).post(lead(id) + "/stakeholders").then().statusCode(201);
        byte[] offer = "the offer, signed".getBytes(StandardCharsets.UTF_8);
        String file = Uploads.upload(ALICE, id, offer, "Angebot – signed.pdf", "application/pdf").then().statusCode(201).extract().path("id");

        ALICE.call().body(Map.of("reason", code)).post(lead(id) + "/disqualify").then().statusCode(200)
                .body("statusReasonLabel", equalTo("Went with a competitor"));
        ALICE.call().post(lead(id) + "/reactivate").then().statusCode(200);
        ALICE.call().body(Map.of()).post(lead(id) + "/qualify").then().statusCode(202);
        JsonNode resolve = JSON.readTree(KafkaProbe.await(Topics.ACCOUNT_COMMANDS_INTERACTIVE, id, 1,
                KafkaProbe.ofType(QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name())).get(0).value());
        UUID attempt = UUID.fromString(resolve.get("qualificationId").asText());
        KafkaProbe.send(Topics.QUALIFICATION_REPLIES_INTERACTIVE, id, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name(),
                JSON.writeValueAsString(new AccountAndContactResolved(attempt, UUID.fromString(id), UUID.randomUUID(), UUID.randomUUID())));
        JsonNode create = JSON.readTree(KafkaProbe.await(Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, id, 1,
                KafkaProbe.ofType(QualificationMessages.CREATE_OPPORTUNITY.name())).get(0).value());
        assertEquals(contact, create.get("stakeholders").get(0).get("contactId").asText());
        assertEquals(1, create.get("attachments").size());
        assertEquals(file, create.get("attachments").get(0).get("id").asText());
        assertEquals("Angebot – signed.pdf", create.get("attachments").get(0).get("fileName").asText());
        assertEquals(offer.length, create.get("attachments").get(0).get("size").asInt());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(offer)),
                create.get("attachments").get(0).get("sha256").asText());
        assertEquals("first call went well", create.get("notes").get(0).get("text").asText());
        KafkaProbe.send(Topics.QUALIFICATION_REPLIES_INTERACTIVE, id, QualificationMessages.OPPORTUNITY_CREATED.name(),
                JSON.writeValueAsString(new OpportunityCreated(attempt, UUID.fromString(id), UUID.randomUUID())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                ALICE.call().get(lead(id)).then().body("state", equalTo("QUALIFIED")));

        // nothing lost: every item still there, once
        ALICE.call().get(lead(id) + "/notes").then().body("size()", equalTo(1));
        ALICE.call().get(lead(id) + "/activities").then().body("items.size()", equalTo(2));
        ALICE.call().get(lead(id) + "/stakeholders").then().body("size()", equalTo(1)).body("[0].lastName", equalTo("Duarte"));
        ALICE.call().get(lead(id) + "/attachments").then().body("id", equalTo(List.of(file)));
        assertArrayEquals(offer, ALICE.call().get(lead(id) + "/attachments/" + file).then().statusCode(200).extract().asByteArray());

        List<JsonNode> timeline = wholeTimeline(ALICE, id, 2);
        List<String> kinds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Instant previous = Instant.MAX;
        for (JsonNode item : timeline) {
            kinds.add(item.get("kind").asText());
            assertTrue(seen.add(item.toString()), "twice: " + item);
            Instant at = Instant.parse(item.get("at").asText());
            assertTrue(!at.isAfter(previous), "newest first");
            previous = at;
            assertTrue(item.hasNonNull("actor"), item.toString());
        }
        assertEquals(1, kinds.stream().filter("NOTE"::equals).count(), kinds.toString());
        assertEquals(2, kinds.stream().filter("ACTIVITY"::equals).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter("STAKEHOLDER"::equals).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter("ATTACHMENT"::equals).count(), kinds.toString());
        JsonNode attachment = timeline.stream().filter(i -> i.get("kind").asText().equals("ATTACHMENT")).findFirst().orElseThrow();
        assertEquals(file, attachment.get("attachment").get("id").asText());
        assertTrue(attachment.get("change").isNull(), attachment.toString());
        List<String> actions = timeline.stream().filter(i -> i.get("kind").asText().equals("HISTORY"))
                .map(i -> i.get("change").get("action").asText()).toList();
        assertEquals(List.of("QUALIFIED", "QUALIFICATION_REQUESTED", "REACTIVATED", "DISQUALIFIED", "ACTIVITY_COMPLETED", "CREATED"), actions);
        assertEquals(timeline, wholeTimeline(CAROL, id, 200));

        // every event once
        List<ConsumerRecord<String, String>> events = withKey(readUntil(is(id, PublicEvents.LEAD_QUALIFIED),
                Duration.ofSeconds(20), Duration.ofSeconds(1)), id);
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(header(e, "ce_type")));
        assertEquals(List.of(PublicEvents.LEAD_CREATED, PublicEvents.LEAD_ACTIVITY_CREATED, PublicEvents.LEAD_ACTIVITY_CREATED,
                PublicEvents.LEAD_ACTIVITY_UPDATED, PublicEvents.LEAD_STAKEHOLDER_ADDED, PublicEvents.LEAD_ATTACHMENT_ADDED,
                PublicEvents.LEAD_DISQUALIFIED,
                PublicEvents.LEAD_REACTIVATED, PublicEvents.LEAD_QUALIFIED), types);
        assertEquals(types.size(), events.stream().map(e -> header(e, "ce_id")).distinct().count());
    }

    @Test
    void theTimelineIsTheLeadsAndBadPagingIs400() {
        String id = ALICE.createLead();
        ALICE.call().get(lead(id) + "/timeline").then().statusCode(200)
                .body("items.kind", equalTo(List.of("HISTORY"))).body("items[0].change.action", equalTo("CREATED"))
                .body("items[0].actor", equalTo("alice")).body("nextCursor", equalTo(null));
        BOB.call().get(lead(id) + "/timeline").then().statusCode(404).contentType("application/problem+json");
        ALICE.call().get(lead(UUID.randomUUID().toString()) + "/timeline").then().statusCode(404);
        given().get(lead(id) + "/timeline").then().statusCode(401);
        for (String query : List.of("?limit=0", "?limit=201", "?limit=x", "?cursor=abc", "?cursor=MjAyNnxOT1BFfHg")) {
            ALICE.call().get(lead(id) + "/timeline" + query).then().statusCode(400).contentType("application/problem+json");
        }
    }
}
