package com.acme.crm.account.qualification;

import com.acme.crm.common.inbox.IdempotentConsumer;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.contracts.qualification.QualificationMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Where account-service hears the qualification saga's commands (topic crm.internal.account-commands). */
@ApplicationScoped
public class AccountCommandConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    IncomingMessages messages;

    @Inject
    AccountAndContactResolver resolver;

    @Incoming("account-commands")
    public Uni<Void> on(String data, IncomingCloudEventMetadata<String> event) {
        return consumer.once(event, () -> {
            String type = event.getType();
            if (type.equals(QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name())) {
                return resolver.resolve(messages.read(data, QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT));
            }
            if (type.equals(QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name())) {
                return resolver.undo(messages.read(data, QualificationMessages.UNDO_ACCOUNT_AND_CONTACT));
            }
            throw new UnreadableMessageException("unknown command type " + type, null);
        });
    }
}
