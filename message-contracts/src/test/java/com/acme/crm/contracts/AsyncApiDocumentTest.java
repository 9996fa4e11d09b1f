package com.acme.crm.contracts;

import com.acme.crm.contracts.events.PublicEventData;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/asyncapi.yaml says what the code does: every topic and message type of the contracts is
 * documented on the right topic, nothing documented is made up, and every internal payload has
 * exactly the record's fields with matching JSON types.
 */
class AsyncApiDocumentTest {

    private final AsyncApiDocument doc = AsyncApiDocument.load();

    /** Topics with a consumer that dead-letters poison messages (failure-strategy=dead-letter-queue). */
    private static final Set<String> CONSUMED_INTERNALLY = Set.copyOf(Topics.CONSUMED);

    @Test
    void documentsExactlyTheTopicsAndTheirDeadLetterTopics() {
        Set<String> expected = new TreeSet<>(constants(Topics.class));
        CONSUMED_INTERNALLY.forEach(topic -> expected.add(topic + ".dlq"));
        assertEquals(expected, doc.channels());
        assertEquals(expected, new TreeSet<>(Topics.ALL)); // what the services create at startup
    }

    @Test
    void documentsEachMessageTypeOnItsTopicAndNothingElse() {
        Map<String, Set<String>> expected = Map.of(
                Topics.ACCOUNT_COMMANDS, names(QualificationMessages.ACCOUNT_COMMANDS),
                Topics.OPPORTUNITY_COMMANDS, names(QualificationMessages.OPPORTUNITY_COMMANDS),
                Topics.QUALIFICATION_REPLIES, names(QualificationMessages.REPLIES),
                Topics.ACCOUNT_COMMANDS_INTERACTIVE, names(QualificationMessages.ACCOUNT_COMMANDS),
                Topics.OPPORTUNITY_COMMANDS_INTERACTIVE, names(QualificationMessages.OPPORTUNITY_COMMANDS),
                Topics.QUALIFICATION_REPLIES_INTERACTIVE, names(QualificationMessages.REPLIES),
                Topics.LEAD_EVENTS, publicEvents("crm.lead."),
                Topics.ACCOUNT_EVENTS, publicEvents("crm.account.", "crm.contact."),
                Topics.OPPORTUNITY_EVENTS, publicEvents("crm.opportunity."));
        expected.forEach((topic, types) -> {
            assertEquals(types, doc.messageNames(topic), topic);
            if (CONSUMED_INTERNALLY.contains(topic)) {
                assertEquals(types, doc.messageNames(topic + ".dlq"), topic + ".dlq");
            }
        });

        Set<String> all = new TreeSet<>(constants(PublicEvents.class));
        all.addAll(names(allInternal()));
        assertEquals(all, doc.allMessageNames(), "components.messages");
    }

    @Test
    void internalPayloadsAreTheContractRecords() {
        List<String> mismatches = new ArrayList<>();
        for (MessageType<?> type : allInternal()) {
            assertTrue(type.dataClass().isRecord(), type.name());
            mismatches.addAll(doc.mismatches(type.dataClass(), doc.payload(type.name())));
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void everyPublicEventHasItsContractRecordAndIsDocumentedAsExactlyThatRecord() {
        assertEquals(constants(PublicEvents.class), new TreeSet<>(PublicEventData.BY_TYPE.keySet()));
        List<String> mismatches = new ArrayList<>();
        PublicEventData.BY_TYPE.forEach((type, record) -> {
            mismatches.addAll(doc.mismatches(record, doc.payload(type)));
            String schema = doc.payloadPointer(type);
            if (!schema.equals("/components/schemas/" + record.getSimpleName())) {
                mismatches.add(type + ": the payload should be the schema " + record.getSimpleName() + ", is " + schema);
            }
        });
        assertEquals(List.of(), mismatches);
    }

    @Test
    void everyMessageHasTheCloudEventHeadersAndIsKeyedByAnId() {
        doc.root().path("components").path("messages").forEach(message -> {
            String name = message.path("name").asText();
            String trait = message.path("traits").path(0).path("$ref").asText();
            String expected = name.startsWith("crm.internal.") ? "keyedByLead" : "keyedByAggregate";
            assertEquals("#/components/messageTraits/" + expected, trait, name);
        });
        Set<String> headers = new TreeSet<>();
        doc.root().at("/components/schemas/CloudEventHeaders/properties").fieldNames().forEachRemaining(headers::add);
        assertTrue(headers.containsAll(Set.of("ce_id", "ce_type", "ce_source", "ce_specversion", "ce_time",
                "ce_subject", "content-type")), headers.toString());
    }

    private static List<MessageType<?>> allInternal() {
        List<MessageType<?>> all = new ArrayList<>(QualificationMessages.ACCOUNT_COMMANDS);
        all.addAll(QualificationMessages.OPPORTUNITY_COMMANDS);
        all.addAll(QualificationMessages.REPLIES);
        return all;
    }

    private static Set<String> names(List<? extends MessageType<?>> types) {
        return types.stream().map(MessageType::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> publicEvents(String... prefixes) {
        return constants(PublicEvents.class).stream()
                .filter(name -> List.of(prefixes).stream().anyMatch(name::startsWith))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The values of a class's public static String constants. */
    private static Set<String> constants(Class<?> holder) {
        Set<String> values = new TreeSet<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }
}
