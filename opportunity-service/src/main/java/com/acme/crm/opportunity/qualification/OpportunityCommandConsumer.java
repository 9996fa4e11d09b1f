package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.inbox.ConsumerDispatcher;
import com.acme.crm.common.inbox.Handling;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.IncomingMessages.UnreadableMessageException;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.contracts.qualification.QualificationMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Optional;

/**
 * Where opportunity-service hears the qualification saga's commands (topic crm.internal.opportunity-commands, and
 * its interactive lane crm.internal.opportunity-commands.interactive: two channels, one way of handling), a poll at
 * a time through {@link ConsumerDispatcher}, its creates' loads and writes set-based ({@link OpportunityBatch}). A
 * reply goes back on the lane its command came on.
 * A CreateOpportunity that cannot be done is answered with OpportunityRejected at once; an undo
 * is retried until it succeeds (SPEC rules 7 and 8).
 */
@ApplicationScoped
public class OpportunityCommandConsumer {

    @Inject
    ConsumerDispatcher dispatcher;

    @Inject
    IncomingMessages messages;

    @Inject
    OpportunityMaker maker;

    @Incoming("opportunity-commands")
    public Uni<Void> on(List<String> data, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        return dispatch(batch, Lane.BULK);
    }

    /** The interactive lane's commands: a consumer of their own, so a bulk job's backlog never holds them up. */
    @Incoming("opportunity-commands-interactive")
    public Uni<Void> onInteractive(List<String> data, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        return dispatch(batch, Lane.INTERACTIVE);
    }

    /** A poll through the dispatcher, with its own set-based loads and writes (one {@link OpportunityBatch} a poll, whatever the channel). */
    private Uni<Void> dispatch(IncomingKafkaRecordBatchMetadata<String, String> batch, Lane lane) {
        OpportunityBatch making = maker.batch();
        return dispatcher.dispatch(batch, event -> handling(event, making, lane), making);
    }

    /**
     * {@code making}: the poll's set-based loads and writes, which a message handled alone does not use.
     * <p>
     * The three commands are idempotent by this service's state, so none records an inbox row: handled again with the
     * same {@code ce_id} (twice in a poll, redelivered after a crash, after the attempt was undone), each changes
     * nothing and sends nothing the lead (the replies' only reader, idempotent by its attempt's state) or the public
     * topic could tell from the first:
     * <ul>
     * <li>a create whose attempt has its opportunity is ignored (it was confirmed, and announced, once: by the first
     *     delivery or by its last chunk); one of an undone attempt is ignored; one the columns cannot hold is rejected
     *     again (the lead ignores a second rejection); a rejection makes the attempt undone ({@code UndoneAttempts},
     *     service-common), so a repeat of one rejected after failures that would not last makes nothing, though it
     *     might succeed now;</li>
     * <li>a chunk of notes stores nothing twice (a note stored at its position is skipped) and confirms only an
     *     opportunity not yet confirmed; without an opportunity (undone) it is ignored;</li>
     * <li>an undo finds the attempt undone already and its opportunity gone: nothing to delete or announce.</li>
     * </ul>
     * {@code OpportunityBatchStepTest}, {@code OpportunityQualificationStepTest} and {@code RepeatedOpportunityCommandsTest}
     * send each again.
     */
    private Handling handling(IncomingCloudEventMetadata<String> event, OpportunityBatch making, Lane lane) {
        String type = event.getType();
        String data = event.getData();
        if (QualificationMessages.CREATE_OPPORTUNITY.name().equals(type)) {
            Optional<CreateOpportunity> read = readable(data);
            if (read.isEmpty()) { // fails in the work as before: answered with the reason if it can be, else set aside
                return new Handling.IdempotentByState(new Handling.OnceOrReject(() -> maker.create(create(data), lane),
                        reason -> maker.reject(create(data), reason, lane)));
            }
            CreateOpportunity command = read.get();
            making.add(event.getId(), command);
            return new Handling.IdempotentByState(new Handling.OnceOrReject(() -> maker.create(command, making, lane),
                    reason -> maker.reject(command, reason, lane)));
        }
        if (QualificationMessages.COPY_OPPORTUNITY_NOTES.name().equals(type)) {
            return new Handling.IdempotentByState(new Handling.Once(() ->
                    maker.copyNotes(messages.read(data, QualificationMessages.COPY_OPPORTUNITY_NOTES), making, lane)));
        }
        if (QualificationMessages.UNDO_OPPORTUNITY.name().equals(type)) {
            return new Handling.IdempotentByState(new Handling.UntilDone(() ->
                    maker.undo(messages.read(data, QualificationMessages.UNDO_OPPORTUNITY), making)));
        }
        return Handling.refused(new UnreadableMessageException("unknown command type " + type, null));
    }

    private Optional<CreateOpportunity> readable(String data) {
        try {
            return Optional.of(create(data));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private CreateOpportunity create(String data) {
        return messages.read(data, QualificationMessages.CREATE_OPPORTUNITY);
    }
}
