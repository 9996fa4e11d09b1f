package com.acme.crm.lead.api;

import com.acme.crm.common.api.Problem;
import com.acme.crm.common.api.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a create body or a JSON merge patch (RFC 7386) into validated {@link LeadFields}.
 * Bodies are taken as JSON trees so that system fields can be named in the answer, and a patch
 * can tell "absent" (leave it) from "null" (clear it).
 */
@ApplicationScoped
public class LeadBodyReader {

    /** Fields only the system sets (SPEC §3): sending one is a 400 naming it, never silently ignored. */
    static final Set<String> SYSTEM_FIELDS = Set.of("id", "state", "statusReason", "version", "createdAt", "createdBy",
            "modifiedAt", "modifiedBy", "closedAt", "qualification", "qualificationId", "qualificationInProgress",
            "accountId", "contactId", "opportunityId");

    private final ObjectMapper json;
    private final Validator validator;

    @Inject
    LeadBodyReader(ObjectMapper json, Validator validator) {
        this.json = json; // strict about types, see service-common StrictJson
        this.validator = validator;
    }

    public LeadFields forCreate(JsonNode body) {
        ObjectNode fields = requireObject(body);
        rejectSystemFields(fields);
        return validated(fields);
    }

    /** The lead's fields after the patch: a member with null clears the field, an absent one leaves it. */
    public LeadFields patched(LeadFields current, JsonNode patch) {
        ObjectNode changes = requireObject(patch);
        rejectSystemFields(changes);
        ObjectNode merged = mergePatch(json.valueToTree(current), changes);
        LeadFields result = validated(merged);
        if (result.ownerId() == null) {
            throw ProblemException.badRequest("ownerId", "a lead always has an owner; it can be changed, not cleared");
        }
        return result;
    }

    /** The names of the top-level fields whose values differ, for the history. */
    public List<String> changedFields(LeadFields before, LeadFields after) {
        ObjectNode a = json.valueToTree(before);
        ObjectNode b = json.valueToTree(after);
        List<String> changed = new ArrayList<>();
        a.fieldNames().forEachRemaining(name -> {
            if (!Objects.equals(a.get(name), b.get(name))) {
                changed.add(name);
            }
        });
        return changed;
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body instanceof ObjectNode object) {
            return object;
        }
        throw new ProblemException(Problem.of(400, "invalid-request", "Bad Request", "the body must be a JSON object"));
    }

    private static void rejectSystemFields(ObjectNode body) {
        List<Problem.Violation> violations = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (SYSTEM_FIELDS.contains(name)) {
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

    private LeadFields validated(ObjectNode body) {
        LeadFields fields;
        try {
            fields = json.treeToValue(body, LeadFields.class);
        } catch (JsonProcessingException e) {
            throw LeadBodyReader.<RuntimeException>rethrow(e);
        }
        Set<ConstraintViolation<LeadFields>> violations = validator.validate(fields);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return fields;
    }

    /**
     * Hands Jackson's own failure, with the field's path, to the shared problem mapper unchanged
     * (it maps {@code JsonMappingException} and its kinds); wrapping it would turn it into a 500.
     * Call the reader inside a {@code Uni}: an intercepted bean method would wrap it on the way out.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable failure) throws E {
        throw (E) failure;
    }
}
