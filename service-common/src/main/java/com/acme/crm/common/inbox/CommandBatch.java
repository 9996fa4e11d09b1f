package com.acme.crm.common.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.runtime.SessionOperations;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A consumer poll's commands of one kind by message id, and the facts a service loads for all of them at once
 * ({@link ConsumerDispatcher.Preparation}): the consumer adds each command as it routes it (read once), the dispatcher
 * calls {@link #of} with the messages whose work will run (all but the repeats the inbox skips), and the batch loads
 * the facts of theirs in the batch's transaction. The works use those facts only in that transaction
 * ({@link #serves}): a message handled alone (a batch split around a failure) or a warm-up rehearsal loads for itself.
 * Made per poll, so two channels never share one; used on one event loop. What the facts are and how they are loaded is the service's ({@link #load}).
 *
 * @param <C> the command type
 */
public abstract class CommandBatch<C> implements ConsumerDispatcher.Preparation {

    private final Map<String, C> commands = new HashMap<>();

    /** The transaction whose facts these are; null when none (each work loads alone). */
    private Mutiny.Session session;

    /** A command of the poll, by its message id. */
    public void add(String messageId, C command) {
        commands.put(messageId, command);
    }

    @Override
    public final Uni<Void> of(List<IncomingCloudEventMetadata<String>> toHandle) {
        end();
        List<C> loaded = toHandle.stream().map(event -> commands.get(event.getId())).filter(Objects::nonNull)
                .filter(this::loads).toList();
        if (loaded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(current -> load(loaded).invoke(() -> session = current));
    }

    /** Whether the batch loads facts for {@code command} (all by default; e.g. not for one rejected without a look-up). */
    protected boolean loads(C command) {
        return true;
    }

    /** Loads the facts of {@code commands} (those whose work will run, in offset order) in the batch's transaction, changing nothing. */
    protected abstract Uni<Void> load(List<C> commands);

    /** Drops the facts (before a load, and when they end). */
    protected abstract void forget();

    /**
     * Whether the current transaction is the one the facts were loaded in (and they have not ended): asked without a Uni,
     * so a work that decides from the facts can end at once ({@link com.acme.crm.common.flow.InOrder#DONE}).
     */
    public boolean serves() {
        return session != null && SessionOperations.getCurrentSession() == session;
    }

    /** Whether facts were loaded and have not ended (in whichever transaction). */
    protected boolean loaded() {
        return session != null;
    }

    /** Ends the facts: the works after this one load alone. */
    protected void end() {
        session = null;
        forget();
    }
}
