package com.acme.crm.system;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.contracts.qualification.UndoOpportunity;
import com.acme.crm.testinfra.ConsumerLag;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, "bulk must not starve single calls", on the whole stack and the real broker: thousands of commands and
 * replies wait on the bulk lane of every service, and a qualification through the gateway completes all the same,
 * while that backlog is still there. The backlog is undos and rejections of made-up attempts: each costs its
 * service a transaction's work like a job's message, but creates nothing, so every count stays exact.
 */
class InteractiveLaneSystemTest extends ThroughTheGateway {

    /** Per bulk topic: far more than the services work through in the time of one qualification, even on a quiet machine. */
    private static final int BACKLOG = Integer.getInteger("lane.backlog", 10_000);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each service's consumer group of the bulk lane, and the topic it consumes there. */
    private static final Map<String, String> BULK_TOPICS = Map.of("lead-service", Topics.QUALIFICATION_REPLIES,
            "account-service", Topics.ACCOUNT_COMMANDS, "opportunity-service", Topics.OPPORTUNITY_COMMANDS);

    @Test
    void aQualificationCompletes_whileABulkBacklogSitsOnEveryServicesBulkLane() throws Exception {
        String lead = newLead();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            flood();
            long before = lag(admin, "account-service");

            long started = System.nanoTime();
            as("alice").header("Prefer", "wait=30").body(Map.of()).post("/api/leads/" + lead + "/qualify")
                    .then().statusCode(200).body("status", equalTo("COMPLETED"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            Map<String, Long> left = Map.of("lead-service", lag(admin, "lead-service"),
                    "account-service", lag(admin, "account-service"), "opportunity-service", lag(admin, "opportunity-service"));
            System.out.printf("[lanes] qualification beside a bulk backlog of %d records per service (account-service's when it"
                    + " started: %d): %d ms; bulk records still waiting after it: %s%n", BACKLOG, before, millis, left);
            // without the lanes its resolve would have waited behind the account-service's whole backlog
            assertTrue(left.get("account-service") > 0, "the bulk backlog was gone before the qualification ended: " + left);

            // the backlog is worked off all the same, and leaves nothing behind for the tests after this one
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                    lag(admin, "lead-service") + lag(admin, "account-service") + lag(admin, "opportunity-service") == 0);
        }
    }

    /** Undos of made-up attempts to account- and opportunity-service, rejections of made-up attempts to lead-service. */
    private static void flood() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < BACKLOG; i++) {
                UUID attempt = UUID.randomUUID();
                UUID lead = UUID.randomUUID();
                send(producer, Topics.ACCOUNT_COMMANDS, lead, QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name(),
                        new UndoAccountAndContact(attempt, lead));
                send(producer, Topics.OPPORTUNITY_COMMANDS, lead, QualificationMessages.UNDO_OPPORTUNITY.name(),
                        new UndoOpportunity(attempt, lead));
                send(producer, Topics.QUALIFICATION_REPLIES, lead, QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED.name(),
                        new AccountAndContactRejected(attempt, lead, "made up for the backlog"));
            }
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, UUID key, String type, Object data) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key.toString(), JSON.writeValueAsString(data));
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_type", bytes(type)).add("ce_source", bytes("/interactive-lane-system-test"))
                .add("content-type", bytes("application/json"));
        producer.send(record);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Records of the group's bulk topic it has not committed yet. */
    private static long lag(Admin admin, String group) throws Exception {
        return ConsumerLag.onTopic(admin, group, BULK_TOPICS.get(group));
    }

    private static String newLead() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return as("alice").body(Map.of("topic", "Lane test " + unique, "firstName", "Ada", "lastName", "Lane",
                        "companyName", "Lane Works " + unique, "email", "ada-" + unique + "@example.com",
                        "budgetAmount", 10000, "currency", "EUR"))
                .post("/api/leads?suppressDuplicateDetection=true")
                .then().statusCode(201).extract().path("id");
    }
}
