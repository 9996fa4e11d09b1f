package com.acme.crm.common.input;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a create body or a JSON merge patch (RFC 7386) into a validated record. Bodies are taken
 * as JSON trees so that system fields can be named in the answer, and a patch can tell "absent"
 * (leave it) from "null" (clear it). Call it inside a {@code Uni}: Jackson's failures are handed to
 * the shared problem mapper unchanged. Not part of the API layer: a service applies a patch to the
 * record it has loaded, inside its own transaction, so the service calls it.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper json;
    private final Validator validator;

    @Inject
    JsonBodies(ObjectMapper json, Validator validator) {
        this.json = json; // strict about types, see StrictJson
        this.validator = validator;
    }

    /** The body as {@code type}, refusing any of {@code systemFields} by name. */
    public <T> T forCreate(JsonNode body, Class<T> type, Set<String> systemFields) {
        ObjectNode fields = requireObject(body);
        rejectSystemFields(fields, systemFields);
        return validated(fields, type);
    }

    /** {@code current} after the patch: a member with null clears the field, an absent one leaves it. */
    @SuppressWarnings("unchecked")
    public <T> T patched(T current, JsonNode patch, Set<String> systemFields) {
        ObjectNode changes = requireObject(patch);
        rejectSystemFields(changes, systemFields);
        return validated(mergePatch(json.valueToTree(current), changes), (Class<T>) current.getClass());
    }

    /** The tree Jackson writes for {@code value}. */
    public ObjectNode tree(Object value) {
        return json.valueToTree(value);
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body instanceof ObjectNode object) {
            return object;
        }
        throw new ProblemException(Problem.of(400, "invalid-request", "Bad Request", "the body must be a JSON object"));
    }

    private static void rejectSystemFields(ObjectNode body, Set<String> systemFields) {
        List<Problem.Violation> violations = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (systemFields.contains(name)) {
                violations.add(new Problem.Violation(name, "is set by the system only and cannot be sent"));
            }
        });
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("the request sets fields that only the system sets", violations);
        }
    }

    private static ObjectNode mergePatch(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> members = patch.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(member.getKey());
            } else if (value.isObject()) {
                JsonNode existing = target.get(member.getKey());
                ObjectNode base = existing instanceof ObjectNode object ? object : target.objectNode();
                target.set(member.getKey(), mergePatch(base, (ObjectNode) value));
            } else {
                target.set(member.getKey(), value);
            }
        }
        return target;
    }

    private <T> T validated(ObjectNode body, Class<T> type) {
        requireTextTimes(body, type);
        T fields;
        try {
            fields = json.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw JsonBodies.<RuntimeException>rethrow(e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(fields);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return fields;
    }

    /** A time is an ISO-8601 text; Jackson would also read the number 5 as 1970-01-01T00:00:05Z. */
    private static void requireTextTimes(ObjectNode body, Class<?> type) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = body.get(component.getName());
            if (component.getType() == Instant.class && value != null && !value.isNull() && !value.isTextual()) {
                throw ProblemException.badRequest(component.getName(), "must be an ISO-8601 date and time, such as 2026-11-26T10:00:00Z");
            }
        }
    }

    /**
     * Hands Jackson's own failure, with the field's path, to the shared problem mapper unchanged
     * (it maps {@code JsonMappingException} and its kinds); wrapping it would turn it into a 500.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable failure) throws E {
        throw (E) failure;
    }
}
