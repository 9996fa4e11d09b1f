package com.acme.crm.lead.contacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.UUID;

/**
 * What lead-service reads of a contact event's data (crm.contact.created/updated/deleted.v1, the
 * Contact schema of docs/asyncapi.yaml). Other fields are ignored: a public event may gain fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactEvent(UUID id, String firstName, String lastName, String email, String jobTitle, Long version) {
}
