package com.acme.crm.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.main.JsonSchema;
import com.github.fge.jsonschema.main.JsonSchemaFactory;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code docs/asyncapi.yaml}, read for tests: its channels, the message names on each, and the
 * check that a documented payload has exactly the shape Jackson gives a Java record. Shared so
 * that message-contracts checks the internal records and each service checks its public view
 * the same way.
 */
public final class AsyncApiDocument {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.byDefault();

    private final JsonNode root;

    private AsyncApiDocument(JsonNode root) {
        this.root = root;
    }

    /** The repository's document, found from the working directory of any module. */
    public static AsyncApiDocument load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/asyncapi.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return new AsyncApiDocument(new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("docs/asyncapi.yaml").toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("docs/asyncapi.yaml is not valid YAML", e);
        }
    }

    public JsonNode root() {
        return root;
    }

    public Set<String> channels() {
        Set<String> names = new TreeSet<>();
        root.path("channels").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The {@code ce_type} names of the messages documented on {@code channel}. */
    public Set<String> messageNames(String channel) {
        Set<String> names = new TreeSet<>();
        JsonNode node = root.path("channels").path(channel);
        for (String operation : List.of("publish", "subscribe")) {
            JsonNode message = node.path(operation).path("message");
            List<JsonNode> messages = new ArrayList<>();
            message.path("oneOf").forEach(messages::add);
            if (messages.isEmpty() && !message.isMissingNode()) {
                messages.add(message);
            }
            messages.forEach(m -> names.add(resolve(m).path("name").asText()));
        }
        return names;
    }

    /** Every message of {@code components.messages} by its {@code ce_type} name. */
    public Set<String> allMessageNames() {
        Set<String> names = new TreeSet<>();
        root.path("components").path("messages").forEach(m -> names.add(m.path("name").asText()));
        return names;
    }

    /** The payload schema of the message named {@code ceType}, references resolved. */
    public JsonNode payload(String ceType) {
        for (JsonNode message : root.path("components").path("messages")) {
            if (ceType.equals(message.path("name").asText())) {
                return resolve(message.path("payload"));
            }
        }
        throw new AssertionError("message " + ceType + " is not in docs/asyncapi.yaml");
    }

    /** How {@code schema} differs from the JSON of {@code type}; empty when it matches. */
    public List<String> mismatches(Type type, JsonNode schema) {
        List<String> found = new ArrayList<>();
        compare(type, resolve(schema), type.getTypeName(), found);
        return found;
    }

    private void compare(Type type, JsonNode schema, String where, List<String> found) {
        schema = resolve(schema);
        String actual = typeName(schema);
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            expect(where, actual, found, "array");
            compare(p.getActualTypeArguments()[0], schema.path("items"), where + "[]", found);
            return;
        }
        Class<?> c = (Class<?>) type;
        if (c == UUID.class) {
            expect(where, actual, found, "string");
            if (!"uuid".equals(schema.path("format").asText())) {
                found.add(where + ": format should be uuid");
            }
        } else if (c == Instant.class) {
            expect(where, actual, found, "string");
            if (!"date-time".equals(schema.path("format").asText())) {
                found.add(where + ": format should be date-time");
            }
        } else if (c == String.class || writtenAsText(c)) {
            expect(where, actual, found, "string");
        } else if (c == boolean.class || c == Boolean.class) {
            expect(where, actual, found, "boolean");
        } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            expect(where, actual, found, "integer");
        } else if (c == BigDecimal.class) {
            expect(where, actual, found, "number", "string");
        } else if (c.isEnum()) {
            expect(where, actual, found, "string");
            Set<String> constants = new LinkedHashSet<>();
            Arrays.stream(c.getEnumConstants()).forEach(e -> constants.add(((Enum<?>) e).name()));
            Set<String> documented = new LinkedHashSet<>();
            schema.path("enum").forEach(v -> {
                if (!v.isNull()) { // a nullable enum lists null among its values
                    documented.add(v.asText());
                }
            });
            if (!constants.equals(documented)) {
                found.add(where + ": enum " + documented + " should be " + constants);
            }
        } else if (c.isRecord()) {
            expect(where, actual, found, "object");
            Set<String> components = new TreeSet<>();
            for (RecordComponent component : c.getRecordComponents()) {
                components.add(component.getName());
            }
            Set<String> properties = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(properties::add);
            if (!components.equals(properties)) {
                found.add(where + ": properties " + properties + " should be " + components);
            }
            for (RecordComponent component : c.getRecordComponents()) {
                JsonNode property = schema.path("properties").path(component.getName());
                if (!property.isMissingNode()) {
                    compare(component.getGenericType(), property, where + "." + component.getName(), found);
                    boolean documentedNullable = allowsNull(resolve(property));
                    if (documentedNullable != declaredNullable(c, component)) {
                        found.add(where + "." + component.getName() + ": " + (documentedNullable
                                ? "documented as nullable, the record says it is never null"
                                : "the record says it may be null (@Schema(nullable = true)), the document does not"));
                    }
                }
            }
        } else {
            found.add(where + ": no JSON mapping known for " + c.getName());
        }
    }

    /** The schema lets the value be null: {@code type: [x, 'null']}. */
    private static boolean allowsNull(JsonNode schema) {
        for (JsonNode t : schema.path("type")) {
            if ("null".equals(t.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The record component is marked {@code @Schema(nullable = true)} (MicroProfile OpenAPI, the one
     * marker the records use for both documents); read by name so that this class needs no dependency on it.
     */
    private static boolean declaredNullable(Class<?> record, RecordComponent component) {
        try {
            for (var annotation : record.getDeclaredField(component.getName()).getAnnotations()) {
                if (annotation.annotationType().getName().equals("org.eclipse.microprofile.openapi.annotations.media.Schema")) {
                    return (Boolean) annotation.annotationType().getMethod("nullable").invoke(annotation);
                }
            }
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value class Jackson writes as the text of its {@code @JsonValue} method (such as an open list of codes). */
    private static boolean writtenAsText(Class<?> c) {
        return Arrays.stream(c.getMethods()).anyMatch(m -> m.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonValue.class)
                && m.getReturnType() == String.class);
    }

    /** The schema's type; of a nullable one ({@code [string, 'null']}), the type besides null. */
    private static String typeName(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return type.asText();
    }

    /**
     * What is wrong with {@code json} as the data of the message named {@code ceType}, by its payload
     * schema (JSON Schema, validated by java-json-tools' validator); empty when it is valid.
     */
    public List<String> payloadProblems(String ceType, String json) {
        JsonNode data;
        try {
            data = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            return List.of(ceType + ": the data is not JSON: " + e.getMessage());
        }
        try {
            JsonSchema schema = SCHEMAS.getJsonSchema(root, payloadPointer(ceType));
            List<String> found = new ArrayList<>();
            schema.validate(data, true).forEach(message -> {
                if (message.getLogLevel().compareTo(LogLevel.ERROR) >= 0) {
                    found.add(ceType + ": " + message.asJson().path("instance").path("pointer").asText() + " " + message.getMessage());
                }
            });
            return found;
        } catch (ProcessingException e) {
            return List.of(ceType + ": the payload schema cannot be used: " + e.getMessage());
        }
    }

    /**
     * The producer's round trip of one public event's data: written as the services write it, valid by
     * its payload schema, and read back as an equal record. Fails the calling test otherwise.
     */
    public <T> void assertRoundTrip(String ceType, T data, Class<T> record) {
        String json = EventJson.write(data);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), payloadProblems(ceType, json), json);
        org.junit.jupiter.api.Assertions.assertEquals(data, EventJson.read(json, record), ceType);
    }

    /** The JSON pointer of the payload schema of the message named {@code ceType} ({@code /components/schemas/Name} for a reference). */
    public String payloadPointer(String ceType) {
        var messages = root.path("components").path("messages").fields();
        while (messages.hasNext()) {
            var message = messages.next();
            if (ceType.equals(message.getValue().path("name").asText())) {
                JsonNode payload = message.getValue().path("payload");
                return payload.has("$ref") ? payload.get("$ref").asText().substring(1)
                        : "/components/messages/" + message.getKey() + "/payload";
            }
        }
        throw new AssertionError("message " + ceType + " is not in docs/asyncapi.yaml");
    }

    private static void expect(String where, String actual, List<String> found, String... allowed) {
        if (!Arrays.asList(allowed).contains(actual)) {
            found.add(where + ": type " + actual + " should be " + String.join(" or ", allowed));
        }
    }

    /** Follows local {@code $ref}s ({@code #/components/...}). */
    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = root.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }
}
