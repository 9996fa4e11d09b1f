package com.acme.crm.lead;

import com.acme.crm.common.input.JsonBodies;
import com.acme.crm.common.problems.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Turns a lead's create body or JSON merge patch (RFC 7386) into validated {@link LeadFields}. */
@ApplicationScoped
public class LeadBodyReader {

    /** Fields only the system sets (SPEC §3): sending one is a 400 naming it, never silently ignored. */
    static final Set<String> SYSTEM_FIELDS = Set.of("id", "state", "statusReason", "version", "createdAt", "createdBy",
            "modifiedAt", "modifiedBy", "closedAt", "qualification", "qualificationId", "qualificationInProgress",
            "accountId", "contactId", "opportunityId");

    private final JsonBodies bodies;

    @Inject
    LeadBodyReader(JsonBodies bodies) {
        this.bodies = bodies;
    }

    public LeadFields forCreate(JsonNode body) {
        return bodies.forCreate(body, LeadFields.class, SYSTEM_FIELDS);
    }

    /** The lead's fields after the patch: a member with null clears the field, an absent one leaves it. */
    public LeadFields patched(LeadFields current, JsonNode patch) {
        LeadFields result = bodies.patched(current, patch, SYSTEM_FIELDS);
        if (result.ownerId() == null) {
            throw ProblemException.badRequest("ownerId", "a lead always has an owner; it can be changed, not cleared");
        }
        return result;
    }

    /** The names of the top-level fields whose values differ, for the history. */
    public List<String> changedFields(LeadFields before, LeadFields after) {
        ObjectNode a = bodies.tree(before);
        ObjectNode b = bodies.tree(after);
        List<String> changed = new ArrayList<>();
        a.fieldNames().forEachRemaining(name -> {
            if (!Objects.equals(a.get(name), b.get(name))) {
                changed.add(name);
            }
        });
        return changed;
    }
}
