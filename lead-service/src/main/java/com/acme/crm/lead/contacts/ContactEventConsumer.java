package com.acme.crm.lead.contacts;

import com.acme.crm.common.inbox.ConsumerDispatcher;
import com.acme.crm.common.inbox.Handling;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.lead.MessageKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps lead-service's copy of the contacts (SPEC §10) from the public crm.account.events stream:
 * contact created, updated and deleted; account events are not needed here and pass unrecorded. Thin on
 * purpose: a poll at a time through the shared dispatcher (no inbox record: the copy's version makes a repeat
 * change nothing), the batch's copies loaded in one statement before its events and written in one after them, the
 * rule in ContactCopyRule.
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
        return dispatcher.dispatch(batch, this::handling, this::prepare);
    }

    /** The copies of the batch's contacts in one statement (a contact event is keyed by the contact's id). */
    private Uni<Void> prepare(List<IncomingCloudEventMetadata<String>> toHandle) {
        Set<UUID> contacts = new LinkedHashSet<>();
        for (IncomingCloudEventMetadata<String> event : toHandle) {
            if (isContactEvent(event.getType())) {
                MessageKeys.uuidOf(event).ifPresent(contacts::add);
            }
        }
        return copies.prepare(contacts);
    }

    private static boolean isContactEvent(String type) {
        return PublicEvents.CONTACT_CREATED.equals(type) || PublicEvents.CONTACT_UPDATED.equals(type)
                || PublicEvents.CONTACT_DELETED.equals(type);
    }

    private Handling handling(IncomingCloudEventMetadata<String> event) {
        String type = event.getType();
        if (!isContactEvent(type)) {
            return new Handling.NotForUs(); // account events: not needed here, and not recorded in the inbox
        }
        boolean deleted = PublicEvents.CONTACT_DELETED.equals(type);
        // idempotent by the copy's state (ContactCopyRule): a repeated event finds the copy as it left it and writes
        // nothing, so no inbox record is kept
        return new Handling.IdempotentByState(new Handling.Once(() -> copies.upsert(read(event.getData()), deleted)));
    }

    private ContactEvent read(String data) {
        try {
            return json.readValue(data, ContactEvent.class);
        } catch (JsonProcessingException e) {
            throw new com.acme.crm.common.messaging.PermanentFailure("unreadable contact event: " + e.getOriginalMessage());
        }
    }
}
