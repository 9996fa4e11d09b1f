package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.MessageType;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the saga tests share: leads made over HTTP, and the other services' part played over Kafka. */
final class QualificationFixtures {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    static final String ALICE = TestTokens.token("alice", "salesperson");
    /** lead-service's consumer groups of the reply topics: the bulk lane's and the interactive lane's. */
    static final String BULK_GROUP = "lead-service";
    static final String INTERACTIVE_GROUP = "lead-service-interactive";

    private QualificationFixtures() {
    }

    static String newLead(String token) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("topic", "Fleet telematics " + unique, "lastName", "Nakamura", "firstName", "Yui",
                        "companyName", "Kaizen Logistics " + unique, "email", "yui-" + unique + "@kaizen.example",
                        "budgetAmount", 125000.50, "currency", "EUR", "purchaseTimeframe", "THIS_QUARTER"))
                .post("/api/leads")
                .then().statusCode(201).extract().path("id");
    }

    /** The command the lead service sent for this lead, as JSON. */
    static JsonNode command(String topic, String leadId, MessageType<?> type) throws Exception {
        return JSON.readTree(KafkaProbe.await(topic, leadId, 1, KafkaProbe.ofType(type.name())).get(0).value());
    }

    /**
     * Plays the other service: sends a reply as it would (a CloudEvent on the replies topic) to a single call's
     * attempt, which runs on the interactive lane.
     */
    static <T> String reply(String leadId, MessageType<T> type, T data) throws Exception {
        return replyOn(Topics.QUALIFICATION_REPLIES_INTERACTIVE, leadId, type, data);
    }

    static <T> void reply(String leadId, MessageType<T> type, T data, String ceId) throws Exception {
        KafkaProbe.send(Topics.QUALIFICATION_REPLIES_INTERACTIVE, leadId, type.name(), ceId, JSON.writeValueAsString(data));
    }

    /** A reply on the given replies topic (one lane's, e.g. the bulk lane's for a job's attempt). */
    static <T> String replyOn(String topic, String leadId, MessageType<T> type, T data) throws Exception {
        return KafkaProbe.send(topic, leadId, type.name(), JSON.writeValueAsString(data));
    }

    /** Qualifies {@code leadId} by a single call with the defaults (202) and returns its attempt, read from its resolve command. */
    static UUID singleCallAttempt(String token, String leadId) throws Exception {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + leadId + "/qualify").then().statusCode(202);
        return attemptOf(command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, leadId, RESOLVE));
    }

    static UUID attemptOf(JsonNode command) {
        return UUID.fromString(command.get("qualificationId").asText());
    }

    static final MessageType<?> RESOLVE = QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT;
}
