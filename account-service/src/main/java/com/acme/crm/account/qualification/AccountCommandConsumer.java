package com.acme.crm.account.qualification;

import com.acme.crm.common.inbox.ConsumerDispatcher;
import com.acme.crm.common.inbox.Handling;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Where account-service hears the qualification saga's commands (topic crm.internal.account-commands, and its
 * interactive lane crm.internal.account-commands.interactive: two channels, one way of handling), a poll at a
 * time through {@link ConsumerDispatcher}, its resolves' loads and writes set-based ({@link ResolveBatch}). A reply
 * goes back on the lane its command came on.
 * A resolve that fails for a reason that will not change on retry is answered at once with
 * AccountAndContactRejected (SPEC rule 7); an undo is retried until it succeeds (rule 8).
 */
@ApplicationScoped
public class AccountCommandConsumer {

    @Inject
    ConsumerDispatcher dispatcher;

    @Inject
    IncomingMessages messages;

    @Inject
    AccountAndContactResolver resolver;

    @Incoming("account-commands")
    public Uni<Void> on(List<String> data, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        return dispatch(batch, Lane.BULK);
    }

    /** The interactive lane's commands: a consumer of their own, so a bulk job's backlog never holds them up. */
    @Incoming("account-commands-interactive")
    public Uni<Void> onInteractive(List<String> data, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        return dispatch(batch, Lane.INTERACTIVE);
    }

    /** A poll through the dispatcher, with its own set-based loads and writes (one {@link ResolveBatch} a poll, whatever the channel). */
    private Uni<Void> dispatch(IncomingKafkaRecordBatchMetadata<String, String> batch, Lane lane) {
        ResolveBatch resolving = resolver.batch();
        return dispatcher.dispatch(batch, event -> handling(event, resolving, lane), resolving);
    }

    /**
     * {@code resolving}: the poll's set-based loads and writes, which a message handled alone does not use.
     * <p>
     * Both commands are idempotent by this service's state, so neither records an inbox row: handled again with the
     * same {@code ce_id} (twice in a poll, redelivered after a crash, after the attempt was undone), each changes
     * nothing and sends nothing the lead (the replies' only reader, idempotent by its attempt's state) or the
     * public topic could tell from the first:
     * <ul>
     * <li>a resolve that made or linked records finds the attempt's links and answers again with the same ids,
     *     without records or events ({@code previousAnswer}); one whose attempt was undone since is rejected;</li>
     * <li>a resolve answered without records (duplicates, rejection, also the consumer's rejection after failures)
     *     made the attempt undone ({@code UndoneAttempts}, service-common), so its repeat is rejected and makes
     *     nothing, though the duplicates may be gone or the failure over by then;</li>
     * <li>an undo finds the attempt undone already, its links gone and none of its records left to lock: nothing
     *     to delete, pass on or announce.</li>
     * </ul>
     * {@code AccountBatchStepTest} and {@code RepeatedAccountCommandsTest} send each twice.
     */
    private Handling handling(IncomingCloudEventMetadata<String> event, ResolveBatch resolving, Lane lane) {
        String type = event.getType();
        if (QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name().equals(type)) {
            ResolveAccountAndContact command = messages.read(event.getData(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT);
            resolving.add(event.getId(), command);
            return new Handling.IdempotentByState(new Handling.OnceOrReject(() -> resolver.resolve(command, resolving, lane),
                    reason -> resolver.reject(command, reason, lane)));
        }
        if (QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name().equals(type)) {
            UndoAccountAndContact command = messages.read(event.getData(), QualificationMessages.UNDO_ACCOUNT_AND_CONTACT);
            return new Handling.IdempotentByState(new Handling.UntilDone(() -> resolver.undo(command, resolving)));
        }
        throw new UnreadableMessageException("unknown command type " + type, null);
    }
}
