package com.acme.crm.lead.qualification;

import com.acme.crm.common.inbox.IdempotentConsumer;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.PermanentFailure;
import com.acme.crm.contracts.qualification.QualificationMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Where the lead service hears the account and opportunity services' answers (topic
 * crm.internal.qualification-replies). Transient faults are retried until they pass; a reply that
 * can never be processed (an unknown type, e.g. from a newer service during an upgrade) is set
 * aside for an operator to replay, and the replies behind it go on (IdempotentConsumer).
 */
@ApplicationScoped
public class QualificationReplyConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    IncomingMessages messages;

    @Inject
    QualificationSaga saga;

    @Incoming("qualification-replies")
    public Uni<Void> on(String data, IncomingCloudEventMetadata<String> event) {
        return consumer.once(event, () -> saga.on(QualificationMessages.reply(event.getType())
                .map(type -> messages.read(data, type))
                .orElseThrow(() -> new PermanentFailure("unknown reply type " + event.getType()))));
    }
}
