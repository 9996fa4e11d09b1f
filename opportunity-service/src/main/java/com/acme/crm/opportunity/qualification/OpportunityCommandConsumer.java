package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.inbox.IdempotentConsumer;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Where opportunity-service hears the qualification saga's commands (topic crm.internal.opportunity-commands).
 * A CreateOpportunity that cannot be done is answered with OpportunityRejected at once; an undo
 * is retried until it succeeds (SPEC rules 7 and 8).
 */
@ApplicationScoped
public class OpportunityCommandConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    IncomingMessages messages;

    @Inject
    OpportunityMaker maker;

    @Incoming("opportunity-commands")
    public Uni<Void> on(String data, IncomingCloudEventMetadata<String> event) {
        String type = event.getType();
        if (QualificationMessages.CREATE_OPPORTUNITY.name().equals(type)) {
            return consumer.once(event, () -> maker.create(create(data)), reason -> maker.reject(create(data), reason));
        }
        if (QualificationMessages.COPY_OPPORTUNITY_NOTES.name().equals(type)) {
            return consumer.once(event, () -> maker.copyNotes(messages.read(data, QualificationMessages.COPY_OPPORTUNITY_NOTES)));
        }
        if (QualificationMessages.UNDO_OPPORTUNITY.name().equals(type)) {
            return consumer.untilDone(event, () -> maker.undo(messages.read(data, QualificationMessages.UNDO_OPPORTUNITY)));
        }
        return consumer.once(event, () -> {
            throw new UnreadableMessageException("unknown command type " + type, null);
        });
    }

    private CreateOpportunity create(String data) {
        return messages.read(data, QualificationMessages.CREATE_OPPORTUNITY);
    }
}
