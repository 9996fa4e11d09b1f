package com.acme.crm.lead.contacts;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.events.account.ContactEventData;
import com.acme.crm.testinfra.AsyncApiDocument;
import com.acme.crm.testinfra.EventJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The consumer side of the contact events (plain JUnit): lead-service's ContactEvent reads what
 * account-service writes, message-contracts' ContactEventData, with the strict mapper (unknown
 * fields refused elsewhere, ignored by ContactEvent on purpose: a public event may gain fields).
 */
class ContactEventTest {

    @Test
    void readsTheContactEventDataAccountServiceWrites() {
        ContactEventData sent = new ContactEventData(UUID.randomUUID(), "Grace", "Hopper", "grace@navy.test", "Rear admiral",
                "+1 555", null, UUID.randomUUID(), "bob", null, Instant.parse("2026-11-26T09:00:00Z"), "bob",
                Instant.parse("2026-11-26T09:01:00Z"), 4);
        String json = EventJson.write(sent);
        assertEquals(List.of(), AsyncApiDocument.load().payloadProblems(PublicEvents.CONTACT_UPDATED, json));

        ContactEvent read = EventJson.read(json, ContactEvent.class);

        assertEquals(new ContactEvent(sent.id(), "Grace", "Hopper", "grace@navy.test", "Rear admiral", 4L), read);
    }

    @Test
    void readsAContactWithoutTheOptionalFields() {
        ContactEventData sent = new ContactEventData(UUID.randomUUID(), null, "Hopper", null, null, null, null, null,
                "bob", null, Instant.parse("2026-11-26T09:00:00Z"), "bob", Instant.parse("2026-11-26T09:00:00Z"), 0);

        ContactEvent read = EventJson.read(EventJson.write(sent), ContactEvent.class);

        assertEquals(new ContactEvent(sent.id(), null, "Hopper", null, null, 0L), read);
    }
}
