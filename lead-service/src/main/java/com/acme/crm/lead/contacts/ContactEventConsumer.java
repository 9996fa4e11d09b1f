package com.acme.crm.lead.contacts;

import com.acme.crm.common.inbox.IdempotentConsumer;
import com.acme.crm.contracts.PublicEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps lead-service's copy of the contacts (SPEC §10) from the public crm.account.events stream:
 * contact created, updated and deleted; account events are not needed here and pass. Thin on
 * purpose: once per ce_id through the shared idempotent consumer, the decision in ContactCopies.
 */
@ApplicationScoped
public class ContactEventConsumer {

    @Inject
    IdempotentConsumer consumer;
    @Inject
    ContactCopies copies;
    @Inject
    ObjectMapper json;

    @Incoming("account-events")
    public Uni<Void> on(String data, IncomingCloudEventMetadata<String> event) {
        String type = event.getType();
        boolean created = PublicEvents.CONTACT_CREATED.equals(type);
        boolean updated = PublicEvents.CONTACT_UPDATED.equals(type);
        boolean deleted = PublicEvents.CONTACT_DELETED.equals(type);
        if (!created && !updated && !deleted) {
            return Uni.createFrom().voidItem();
        }
        return consumer.once(event, () -> copies.upsert(read(data), deleted));
    }

    private ContactEvent read(String data) {
        try {
            return json.readValue(data, ContactEvent.class);
        } catch (JsonProcessingException e) {
            throw new com.acme.crm.common.messaging.PermanentFailure("unreadable contact event: " + e.getOriginalMessage());
        }
    }
}
