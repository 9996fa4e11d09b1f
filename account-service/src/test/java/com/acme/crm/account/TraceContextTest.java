package com.acme.crm.account;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * With tracing on, a message relayed from the outbox (later, from a background drain) continues
 * the trace of the work that wrote it: an HTTP request's, or an incoming message's. Every service
 * shares this outbox, so the same holds for the lead service's commands and events.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(TraceContextTest.TracingOn.class)
class TraceContextTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // spans are made and propagated; nothing listens on the exporter's endpoint, which is fine
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:1");
        }
    }

    @Inject
    ObjectMapper json;

    @Test
    void anEventContinuesTheTraceOfTheRequestThatCausedIt() {
        String traceId = randomHex(16);
        String id = given().auth().oauth2(TestTokens.token("carol", "sales-manager"))
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .contentType(ContentType.JSON).body(Map.of("name", "Traced Corp " + traceId))
                .post("/api/accounts").then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> event = KafkaProbe.await(Topics.ACCOUNT_EVENTS, id, 1,
                KafkaProbe.ofType(PublicEvents.ACCOUNT_CREATED)).get(0);
        assertEquals(traceId, traceIdOf(event));
    }

    @Test
    void aReplyContinuesTheTraceOfTheCommand() throws Exception {
        String traceId = randomHex(16);
        String parentSpan = randomHex(8);
        UUID lead = UUID.randomUUID();
        ResolveAccountAndContact command = new ResolveAccountAndContact(UUID.randomUUID(), lead, "owner-1", true, true,
                null, null, DuplicatePolicy.CREATE_NEW, new ProspectDetails("Traced Ltd " + lead, null, null, "Ada",
                "Lovelace", null, null, null, null, null, null, null, null, null));
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(),
                UUID.randomUUID().toString(), json.writeValueAsString(command),
                Map.of("traceparent", "00-" + traceId + "-" + parentSpan + "-01"));

        ConsumerRecord<String, String> reply = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name())).get(0);
        assertEquals(traceId, traceIdOf(reply));
        assertNotEquals(parentSpan, KafkaProbe.header(reply, "traceparent").split("-")[2], "a span of its own");
    }

    private static String traceIdOf(ConsumerRecord<String, String> record) {
        String traceparent = KafkaProbe.header(record, "traceparent");
        assertNotNull(traceparent, "traceparent header");
        return traceparent.split("-")[1];
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
