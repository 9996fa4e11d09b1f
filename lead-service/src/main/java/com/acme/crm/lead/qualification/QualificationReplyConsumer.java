package com.acme.crm.lead.qualification;

import com.acme.crm.common.inbox.ConsumerDispatcher;
import com.acme.crm.common.inbox.Handling;
import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.messaging.PermanentFailure;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.lead.MessageKeys;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where the lead service hears the account and opportunity services' answers (topic
 * crm.internal.qualification-replies, and its interactive lane crm.internal.qualification-replies.interactive:
 * two channels, one way of handling), a poll at a time through {@link ConsumerDispatcher}.
 * Transient faults are retried until they pass; a reply that can never be processed (an unknown
 * type, e.g. from a newer service during an upgrade) is set aside for an operator to replay, and
 * the replies behind it go on.
 */
@ApplicationScoped
public class QualificationReplyConsumer {

    @Inject
    ConsumerDispatcher dispatcher;

    @Inject
    IncomingMessages messages;

    @Inject
    QualificationSaga saga;

    @Incoming("qualification-replies")
    public Uni<Void> on(List<String> data, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        return dispatcher.dispatch(batch, this::handling, this::prepare);
    }

    /** The interactive lane's replies: a consumer of their own, so a bulk job's backlog never holds them up. */
    @Incoming("qualification-replies-interactive")
    public Uni<Void> onInteractive(List<String> data, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        return dispatcher.dispatch(batch, this::handling, this::prepare);
    }

    /** The batch's leads and running attempts in two statements (the replies are keyed by lead id), and the content to pass on. */
    private Uni<Void> prepare(List<IncomingCloudEventMetadata<String>> toHandle) {
        Set<UUID> leads = new LinkedHashSet<>();
        Set<UUID> withContent = new LinkedHashSet<>();
        for (IncomingCloudEventMetadata<String> event : toHandle) {
            Optional<UUID> lead = MessageKeys.uuidOf(event);
            lead.ifPresent(leads::add);
            if (QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name().equals(event.getType())) {
                lead.ifPresent(withContent::add); // its reply may pass the lead's notes, stakeholders and files on
            }
        }
        return saga.prepare(leads, withContent);
    }

    /**
     * Every reply type is idempotent by the attempt's state (LeadDecisions: a repeat finds the step done, the attempt
     * final, or the records a late reply reports already known and undone), so no inbox record is kept for replies: a
     * repeated one is decided again and changes nothing, sends nothing.
     */
    private Handling handling(IncomingCloudEventMetadata<String> event) {
        return new Handling.IdempotentByState(new Handling.Once(() -> saga.on(QualificationMessages.reply(event.getType())
                .map(type -> messages.read(event.getData(), type))
                .orElseThrow(() -> new PermanentFailure("unknown reply type " + event.getType())))));
    }
}
