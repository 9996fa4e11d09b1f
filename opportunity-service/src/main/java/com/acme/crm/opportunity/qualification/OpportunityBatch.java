package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.inbox.ConsumerDispatcher;
import com.acme.crm.common.persistence.CombinedInsert;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.opportunity.qualification.AttemptLookup.Found;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One consumer batch of opportunity commands, set-based around the per-message decisions: before
 * the works, the attempts of all its CreateOpportunity commands are looked up (and their
 * opportunities update-locked) in one statement; each create then decides from that and from what
 * the batch's earlier commands did (a repeat finds the opportunity made before it, a create after an
 * undo finds the attempt undone), and the new opportunities with their notes, stakeholders and files
 * wait to be written in one statement per table before the commit. A chunk of notes or an undo
 * writes what waits first (it reads those rows).
 * <p>
 * It serves only the transaction it was prepared in: a message handled alone (a batch split around a
 * failure) or a rehearsal loads and writes for itself. Made per poll, so two channels never share one;
 * used on one event loop.
 */
final class OpportunityBatch implements ConsumerDispatcher.Preparation {

    /** Bind parameters a statement at most (PostgreSQL takes 65,535): a larger batch writes in several. */
    static final int MAX_PARAMETERS = 20_000;

    private final AttemptLookup lookup;
    private final Map<String, CreateOpportunity> creates = new HashMap<>();

    /** The transaction whose facts these are; null when none (each work loads alone). */
    private Mutiny.Session session;
    private Map<UUID, Found> attempts = Map.of();
    private final List<CombinedInsert> waiting = new ArrayList<>();

    OpportunityBatch(AttemptLookup lookup) {
        this.lookup = lookup;
    }

    /** A create of the poll, by its message id (read once, when the consumer routes it). */
    void add(String messageId, CreateOpportunity command) {
        creates.put(messageId, command);
    }

    @Override
    public Uni<Void> of(List<IncomingCloudEventMetadata<String>> fresh) {
        forget();
        Set<UUID> asked = new LinkedHashSet<>();
        fresh.stream().map(event -> creates.get(event.getId())).filter(Objects::nonNull)
                .filter(command -> CreateOpportunityCheck.problem(command).isEmpty()) // rejected without a look-up
                .forEach(command -> asked.add(command.qualificationId()));
        if (asked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(current -> lookup.find(asked).invoke(found -> {
            this.session = current;
            this.attempts = new HashMap<>(found);
        })).replaceWithVoid();
    }

    /** Whether the current transaction is the one this batch was prepared in. */
    Uni<Boolean> serves() {
        return session == null ? Uni.createFrom().item(false) : Panache.getSession().map(current -> current == session);
    }

    boolean knows(UUID attempt) {
        return attempts.containsKey(attempt);
    }

    /** The attempt as the batch knows it now: as loaded, with what its earlier commands did. */
    Found found(UUID attempt) {
        return attempts.get(attempt);
    }

    /** The statement a new opportunity's rows join (a new one when the last is full). */
    CombinedInsert rows() {
        if (waiting.isEmpty() || waiting.get(waiting.size() - 1).parameters() >= MAX_PARAMETERS) {
            waiting.add(new CombinedInsert());
        }
        return waiting.get(waiting.size() - 1);
    }

    /** The attempt has its opportunity now (its rows wait in {@link #rows()}). */
    void made(UUID attempt, UUID opportunity) {
        attempts.put(attempt, new Found(false, opportunity));
    }

    /** The attempt was undone in this transaction: a create of it after that is ignored. */
    void undone(UUID attempt) {
        if (session != null) {
            attempts.put(attempt, new Found(true, null));
        }
    }

    /** Writes what waits, if this transaction is the batch's; the batch goes on. */
    Uni<Void> write() {
        return serves().chain(serving -> {
            Uni<Void> done = Uni.createFrom().voidItem();
            if (serving) {
                for (CombinedInsert insert : List.copyOf(waiting)) {
                    done = done.chain(insert::execute);
                }
                waiting.clear();
            }
            return done;
        });
    }

    @Override
    public Uni<Void> beforeCommit() {
        return write().invoke(this::forget);
    }

    private void forget() {
        session = null;
        attempts = Map.of();
        waiting.clear();
    }
}
