package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.qualification.QualificationFixtures.ALICE;
import static com.acme.crm.lead.qualification.QualificationFixtures.RESOLVE;
import static com.acme.crm.lead.qualification.QualificationFixtures.attemptOf;
import static com.acme.crm.lead.qualification.QualificationFixtures.command;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static com.acme.crm.lead.qualification.QualificationFixtures.reply;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * /q/metrics (Prometheus) shows what docs/observability.md promises: HTTP requests, the Kafka
 * consumers, the outbox backlog, and the saga's finished attempts and their durations.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class MetricsTest {

    @Test
    void prometheusShowsHttpKafkaOutboxAndSagaMetrics() throws Exception {
        String lead = newLead(ALICE); // an HTTP request, and an event through the outbox
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of())
                .post("/api/leads/" + lead + "/qualify").then().statusCode(202);
        JsonNode resolve = command(Topics.ACCOUNT_COMMANDS_INTERACTIVE, lead, RESOLVE);
        reply(lead, QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED,
                new AccountAndContactRejected(attemptOf(resolve), UUID.fromString(lead), "rejected for the metrics test"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200)
                .body(allOf(
                        containsString("http_server_requests_seconds_count{"),
                        containsString("kafka_consumer_"),
                        containsString("crm_outbox_backlog"),
                        containsString("crm_qualification_finished_total{"),
                        containsString("status=\"FAILED\""),
                        containsString("crm_qualification_duration_seconds_count{"))));
    }
}
