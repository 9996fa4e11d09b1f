package com.acme.crm.lead.events;

import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The public events of a lead's timeline items (SPEC §10): on {@code crm.lead.events}, keyed by the
 * lead id (so they keep their order with the lead's own events); the data is the item's record.
 * Stored in the caller's transaction; relayed after commit.
 */
@ApplicationScoped
public class LeadItemEvents {

    @Inject
    Outbox outbox;

    /** {@code type} is one of {@link com.acme.crm.contracts.PublicEvents}' lead item names. */
    public Uni<Void> publish(String type, UUID leadId, Record data) {
        return outbox.publish(Topics.LEAD_EVENTS, leadId, type, data);
    }
}
