package com.acme.crm.account.qualification;

import com.acme.crm.common.inbox.IdempotentConsumer;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Where account-service hears the qualification saga's commands (topic crm.internal.account-commands).
 * A resolve that fails for a reason that will not change on retry is answered at once with
 * AccountAndContactRejected (SPEC rule 7); an undo is retried until it succeeds (rule 8).
 */
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
        String type = event.getType();
        try {
            if (QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name().equals(type)) {
                ResolveAccountAndContact command = messages.read(data, QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT);
                return consumer.once(event, () -> resolver.resolve(command), reason -> resolver.reject(command, reason));
            }
            if (QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name().equals(type)) {
                UndoAccountAndContact command = messages.read(data, QualificationMessages.UNDO_ACCOUNT_AND_CONTACT);
                return consumer.untilDone(event, () -> resolver.undo(command));
            }
            throw new UnreadableMessageException("unknown command type " + type, null);
        } catch (UnreadableMessageException unreadable) {
            // nobody to answer and nothing to retry: set aside like any message that cannot succeed
            // (an undo that cannot be read must not hold up its partition forever)
            return consumer.once(event, () -> Uni.createFrom().failure(unreadable));
        }
    }
}
