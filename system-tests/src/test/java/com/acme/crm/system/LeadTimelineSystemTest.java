package com.acme.crm.system;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * SPEC §10 across the three services, through the gateway: a contact created through account-service
 * and added to a lead as a stakeholder within the same second (lead-service knows contacts only from
 * crm.account.events, so the call waits for the event), renamed there and shown renamed on the lead;
 * then the lead, with that stakeholder and a file, qualifies and its opportunity lists both, the
 * file with the link that downloads it from the lead.
 */
class LeadTimelineSystemTest extends ThroughTheGateway {

    @Test
    void aContactCreatedAMomentAgoIsAStakeholderAndTheOpportunityGetsItWithTheLeadsFile() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String lead = as("alice").body(Map.of("topic", "Timeline " + tag, "lastName", "Okafor", "companyName", "Timeline " + tag + " Ltd",
                        "budgetAmount", 5000, "currency", "EUR"))
                .post("/api/leads?suppressDuplicateDetection=true").then().statusCode(201).extract().path("id");

        // the stakeholder is added the moment the contact exists, without waiting for anything: lead-service's
        // call waits for the contact's event itself
        long started = System.nanoTime();
        String contact = as("alice").body(Map.of("firstName", "Ines", "lastName", "Duarte", "email", "ines-" + tag + "@example.com"))
                .post("/api/contacts").then().statusCode(201).extract().path("id");
        long contactMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        as("alice").body(Map.of("contactId", contact, "role", "DECISION_MAKER")).post("/api/leads/" + lead + "/stakeholders")
                .then().statusCode(201).body("contactId", equalTo(contact)).body("lastName", equalTo("Duarte"));
        System.out.printf("contact created in %d ms; a stakeholder of the lead %d ms after its POST started%n",
                contactMs, Duration.ofNanos(System.nanoTime() - started).toMillis());

        as("carol").body(Map.of("lastName", "Duarte-Silva")).patch("/api/contacts/" + contact).then().statusCode(200);
        // the rename reaches lead-service by crm.account.events: this checks that it arrives; how soon depends on the load
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("alice").get("/api/leads/" + lead + "/stakeholders")
                .then().statusCode(200).body("[0].lastName", equalTo("Duarte-Silva")));

        byte[] file = ("the offer " + tag).getBytes(StandardCharsets.UTF_8);
        String attachment = upload(lead, "Angebot – " + tag + ".pdf", file).then().statusCode(201).extract().path("id");

        String opportunity = as("alice").header("Prefer", "wait=30").body(Map.of("opportunityCurrency", "EUR"))
                .post("/api/leads/" + lead + "/qualify").then().statusCode(200).body("status", equalTo("COMPLETED"))
                .extract().path("opportunityId");
        String href = as("alice").get("/api/opportunities/" + opportunity).then().statusCode(200)
                .body("stakeholders.contactId", equalTo(List.of(contact)))
                .body("stakeholders.role", equalTo(List.of("DECISION_MAKER")))
                .body("attachments.id", equalTo(List.of(attachment)))
                .body("attachments[0].fileName", equalTo("Angebot – " + tag + ".pdf"))
                .body("attachments[0].size", equalTo(file.length))
                .extract().path("attachments[0].href");
        assertArrayEquals(file, as("alice").get(href).then().statusCode(200).contentType("application/pdf").extract().asByteArray());
        as("alice").get("/api/leads/" + lead + "/stakeholders").then().body("contactId", equalTo(List.of(contact)));
    }

    /** A multipart upload as a plain body, so the OpenAPI contract filter sees it (it does not read rest-assured's parts). */
    private static Response upload(String lead, String fileName, byte[] bytes) {
        String boundary = "b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return RestAssured.given().auth().oauth2(stack.tokenOf("alice")).contentType("multipart/form-data; boundary=" + boundary)
                .body(body.toByteArray()).post("/api/leads/" + lead + "/attachments");
    }
}
