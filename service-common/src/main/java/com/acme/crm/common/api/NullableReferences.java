package com.acme.crm.common.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A nullable property whose type is a named schema (an enum, a UUID, a nested record) comes out of
 * SmallRye as {@code allOf: [$ref], nullable: true}; in OpenAPI 3.0 {@code nullable} does not widen
 * the {@code allOf} member, so validators (Atlassian's) read it as "never null". Such a property
 * gets a copy of the named schema with {@code nullable: true} instead (and {@code null} among an
 * enum's values, as OAS 3.0.3 asks).
 */
final class NullableReferences {

    private static final String PREFIX = "#/components/schemas/";

    private NullableReferences() {
    }

    static void inline(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> named = openAPI.getComponents().getSchemas();
        named.values().forEach(schema -> inlineProperties(schema, named));
    }

    private static void inlineProperties(Schema schema, Map<String, Schema> named) {
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = new LinkedHashMap<>(); // the model hands out copies: set it back
        schema.getProperties().forEach((name, property) -> {
            Schema target = nullableReference(property, named);
            Schema replacement = target == null ? property : nullableCopy(target, property.getDescription());
            inlineProperties(replacement, named); // a copied record's own nullable references
            properties.put(name, replacement);
        });
        schema.setProperties(properties);
    }

    /**
     * The named schema a nullable reference points to ({@code anyOf: [$ref, {type: null}]}, or
     * {@code allOf: [$ref]} with {@code null} among the types, as SmallRye models it); else null.
     */
    private static Schema nullableReference(Schema property, Map<String, Schema> named) {
        List<Schema> members = new ArrayList<>();
        if (property.getAnyOf() != null) {
            members.addAll(property.getAnyOf());
        }
        if (property.getAllOf() != null) {
            members.addAll(property.getAllOf());
        }
        boolean nullable = Boolean.TRUE.equals(property.get("nullable"))
                || property.getType() != null && property.getType().contains(Schema.SchemaType.NULL);
        List<String> refs = new ArrayList<>();
        for (Schema member : members) {
            if (member.getRef() != null) {
                refs.add(member.getRef());
            } else if (List.of(Schema.SchemaType.NULL).equals(member.getType())) {
                nullable = true;
            }
        }
        if (!nullable || refs.size() != 1 || !refs.get(0).startsWith(PREFIX)) {
            return null;
        }
        return named.get(refs.get(0).substring(PREFIX.length()));
    }

    private static Schema nullableCopy(Schema target, String description) {
        List<Schema.SchemaType> types = new ArrayList<>(target.getType() == null ? List.of() : target.getType());
        types.add(Schema.SchemaType.NULL); // written as nullable: true in the OpenAPI 3.0 document
        Schema copy = OASFactory.createSchema()
                .type(types)
                .format(target.getFormat())
                .properties(target.getProperties())
                .required(target.getRequired())
                .items(target.getItems())
                .description(description != null ? description : target.getDescription());
        if (target.getEnumeration() != null) {
            List<Object> values = new ArrayList<>(target.getEnumeration());
            values.add(null);
            copy.setEnumeration(values);
        }
        return copy;
    }
}
