package com.acme.crm.testinfra;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON as the services write and read event data, for plain JUnit tests of the event contracts:
 * the settings of their shared mapper that change the JSON (Quarkus' ISO dates, unknown fields
 * refused, service-common's StrictJson plain exact decimals). Needs jackson-datatype-jsr310 on the
 * test's class path (registered by {@code findAndRegisterModules}).
 */
public final class EventJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private EventJson() {
    }

    public static String write(Object data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("cannot read " + type.getSimpleName() + " from " + json + ": " + e.getOriginalMessage(), e);
        }
    }
}
