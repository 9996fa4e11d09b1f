package com.acme.crm.lead.contacts;

import com.acme.crm.common.inbox.ConsumerDispatcher;
import com.acme.crm.common.inbox.Handling;
import com.acme.crm.contracts.PublicEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Keeps lead-service's copy of the contacts (SPEC §10) from the public crm.account.events stream:
 * contact created, updated and deleted; account events are not needed here and pass unrecorded. Thin on
 * purpose: a poll at a time through the shared dispatcher (once per ce_id), the decision in
 * ContactCopies.
 */
@ApplicationScoped
public class ContactEventConsumer {

    @Inject
    ConsumerDispatcher dispatcher;
    @Inject
    ContactCopies copies;
    @Inject
    ObjectMapper json;

    @Incoming("account-events")
    public Uni<Void> on(List<String> data, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        return dispatcher.dispatch(batch, this::handling);
    }

    private Handling handling(IncomingCloudEventMetadata<String> event) {
        String type = event.getType();
        boolean created = PublicEvents.CONTACT_CREATED.equals(type);
        boolean updated = PublicEvents.CONTACT_UPDATED.equals(type);
        boolean deleted = PublicEvents.CONTACT_DELETED.equals(type);
        if (!created && !updated && !deleted) {
            return new Handling.NotForUs(); // account events: not needed here, and not recorded in the inbox
        }
        return new Handling.Once(() -> copies.upsert(read(event.getData()), deleted));
    }

    private ContactEvent read(String data) {
        try {
            return json.readValue(data, ContactEvent.class);
        } catch (JsonProcessingException e) {
            throw new com.acme.crm.common.messaging.PermanentFailure("unreadable contact event: " + e.getOriginalMessage());
        }
    }
}
