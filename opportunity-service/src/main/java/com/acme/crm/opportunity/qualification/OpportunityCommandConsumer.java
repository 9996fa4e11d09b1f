package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.inbox.IdempotentConsumer;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.contracts.qualification.QualificationMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Where opportunity-service hears the qualification saga's commands (topic crm.internal.opportunity-commands). */
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
        return consumer.once(event, () -> {
            String type = event.getType();
            if (type.equals(QualificationMessages.CREATE_OPPORTUNITY.name())) {
                return maker.create(messages.read(data, QualificationMessages.CREATE_OPPORTUNITY));
            }
            if (type.equals(QualificationMessages.UNDO_OPPORTUNITY.name())) {
                return maker.undo(messages.read(data, QualificationMessages.UNDO_OPPORTUNITY));
            }
            throw new UnreadableMessageException("unknown command type " + type, null);
        });
    }
}
