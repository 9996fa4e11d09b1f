package com.acme.crm.lead.events;

import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.Topics;
import com.acme.crm.lead.history.HistoryAction;
import com.acme.crm.lead.history.LeadHistory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * A change of a lead's timeline item (SPEC §10): its history entry, with the actor, and its public
 * event on {@code crm.lead.events}, keyed by the lead id (so it keeps its order with the lead's own
 * events); the data is the item's record. Both join the caller's transaction; the event is relayed
 * after commit.
 */
@ApplicationScoped
public class LeadItemEvents {

    @Inject
    Outbox outbox;
    @Inject
    LeadHistory history;

    /** {@code type} is one of {@link com.acme.crm.contracts.PublicEvents}' lead item names. */
    public Uni<Void> changed(UUID leadId, String actor, HistoryAction action, String details, String type, Record data) {
        return history.record(leadId, actor, action, null, null, details)
                .chain(() -> outbox.publish(Topics.LEAD_EVENTS, leadId, type, data));
    }
}
