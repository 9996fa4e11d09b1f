package com.acme.crm.testinfra;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Every public event a test reads is checked against its payload schema in docs/asyncapi.yaml, by
 * the readers every test uses ({@link KafkaProbe}, lead-service's LeadEventsTopic, the system tests'
 * TopicRecords): an event the document does not describe fails the test. Off with
 * {@code -Dcontracts.check=false} (root pom), like the OpenAPI check of every rest-assured call.
 */
public final class PublicEventCheck {

    private static final Set<String> PUBLIC_TOPICS = Set.of("crm.lead.events", "crm.account.events", "crm.opportunity.events");
    private static AsyncApiDocument document;

    private PublicEventCheck() {
    }

    public static void check(ConsumerRecord<String, String> record) {
        if (!Boolean.getBoolean("contracts.check") || !PUBLIC_TOPICS.contains(record.topic())) {
            return;
        }
        Header type = record.headers().lastHeader("ce_type");
        if (type == null) {
            throw new AssertionError("an event on " + record.topic() + " without ce_type: " + record.value());
        }
        check(new String(type.value(), StandardCharsets.UTF_8), record.value());
    }

    public static void check(String ceType, String data) {
        List<String> problems = document().payloadProblems(ceType, data);
        if (!problems.isEmpty()) {
            throw new AssertionError("the event does not match docs/asyncapi.yaml:\n  - " + String.join("\n  - ", problems)
                    + "\ndata: " + data);
        }
    }

    private static synchronized AsyncApiDocument document() {
        if (document == null) {
            document = AsyncApiDocument.load();
        }
        return document;
    }
}
