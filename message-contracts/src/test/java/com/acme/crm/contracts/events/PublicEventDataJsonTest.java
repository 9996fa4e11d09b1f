package com.acme.crm.contracts.events;

import com.acme.crm.testinfra.AsyncApiDocument;
import com.acme.crm.testinfra.EventJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public event record, written as the services' outbox writes it, is valid by its AsyncAPI
 * schema and reads back as the same record (what a consumer built on message-contracts gets): once
 * with every field set, once with every nullable field null.
 */
class PublicEventDataJsonTest {

    private static final ObjectMapper JSON = EventJson.MAPPER;

    private final AsyncApiDocument doc = AsyncApiDocument.load();

    @Test
    void everyRecordRoundTripsAndMatchesItsSchema() throws Exception {
        List<String> problems = new ArrayList<>();
        for (var entry : PublicEventData.BY_TYPE.entrySet()) {
            for (boolean nullsWherePossible : List.of(false, true)) {
                Object data = sample(entry.getValue(), doc.payload(entry.getKey()), nullsWherePossible);
                String json = JSON.writeValueAsString(data);
                problems.addAll(doc.payloadProblems(entry.getKey(), json));
                assertEquals(data, JSON.readValue(json, entry.getValue()), entry.getKey() + ": " + json);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aBudgetKeepsItsTwoDecimalsInPlainForm() throws Exception {
        Object lead = sample(com.acme.crm.contracts.events.lead.LeadEventData.class,
                doc.payload(com.acme.crm.contracts.PublicEvents.LEAD_UPDATED), false);
        String json = JSON.writeValueAsString(lead);
        assertTrue(json.contains("\"budgetAmount\":25000.00,"), json); // the text as written, not a re-read number
    }

    /** A record with a value in every field that fits the schema (the first of an enum's values). */
    static Object sample(Type type, JsonNode schema, boolean nulls) throws Exception {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return List.of(sample(p.getActualTypeArguments()[0], schema.path("items"), nulls));
        }
        Class<?> c = (Class<?>) type;
        if (c == UUID.class) {
            return UUID.nameUUIDFromBytes(schema.toString().getBytes());
        } else if (c == Instant.class) {
            return Instant.parse("2026-11-26T10:15:30.123456Z");
        } else if (c == String.class) {
            return schema.has("enum") ? schema.get("enum").get(0).asText() : "X";
        } else if (c == boolean.class || c == Boolean.class) {
            return true;
        } else if (c == long.class || c == Long.class) {
            return 3L;
        } else if (c == int.class || c == Integer.class) {
            return 2;
        } else if (c == BigDecimal.class) {
            return new BigDecimal("25000.00");
        }
        RecordComponent[] components = c.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            JsonNode property = resolved(schema).path("properties").path(components[i].getName());
            boolean nullable = property.path("type").toString().contains("\"null\"");
            values[i] = nulls && nullable ? null : sample(components[i].getGenericType(), resolved(property), nulls);
            types[i] = components[i].getType();
        }
        return c.getDeclaredConstructor(types).newInstance(values);
    }

    private static JsonNode resolved(JsonNode schema) {
        return schema.has("$ref") ? AsyncApiDocument.load().root().at(schema.get("$ref").asText().substring(1)) : schema;
    }
}
