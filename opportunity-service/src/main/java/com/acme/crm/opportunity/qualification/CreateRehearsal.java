package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.warmup.Rehearsal;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The warm-up's rehearsal of this service's step (service-common {@code WarmUp}, rolled back): a
 * CreateOpportunity for a made-up lead, read from its JSON as the consumer reads it, and carried out
 * as a real one is (opportunity, reply and event in the outbox).
 */
@ApplicationScoped
public class CreateRehearsal implements Rehearsal {

    @Inject
    IncomingMessages messages;

    @Inject
    OpportunityMaker maker;

    @Override
    public Uni<Void> run() {
        CreateOpportunity command = new CreateOpportunity(UUID.randomUUID(), UUID.randomUUID(), "warm-up",
                UUID.randomUUID(), UUID.randomUUID(), "Warm-up", "EUR", new BigDecimal("1.00"), "UNKNOWN", "UNKNOWN",
                null, null, 0, List.<CopiedNote>of());
        return Uni.createFrom().item(() -> messages.asReceived(command, QualificationMessages.CREATE_OPPORTUNITY))
                .chain(received -> maker.create(received, Lane.INTERACTIVE));
    }
}
