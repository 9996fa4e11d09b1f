package com.acme.crm.lead.events;

import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.events.lead.LeadEventData;
import com.acme.crm.lead.Lead;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The lead's public events (SPEC §7): on {@code crm.lead.events}, keyed by the lead id, the data
 * is message-contracts' {@link LeadEventData}. Stored in the caller's transaction; relayed after commit.
 */
@ApplicationScoped
public class LeadEvents {

    @Inject
    Outbox outbox;

    /** {@code type} is one of {@link com.acme.crm.contracts.PublicEvents}' lead names; the data is the lead as it is now. */
    public Uni<Void> publish(String type, Lead lead) {
        return publish(type, LeadEventDataOf.of(lead));
    }

    /** For a lead that is gone: the data taken before it was deleted. */
    public Uni<Void> publish(String type, LeadEventData lead) {
        return outbox.publish(Topics.LEAD_EVENTS, lead.id(), type, lead);
    }

    /** As {@link #publish(String, LeadEventData)}, for a work that ends at once: queued in the running WriteBehind unit. */
    public void queue(String type, LeadEventData lead) {
        outbox.queue(Topics.LEAD_EVENTS, lead.id(), type, lead);
    }
}
