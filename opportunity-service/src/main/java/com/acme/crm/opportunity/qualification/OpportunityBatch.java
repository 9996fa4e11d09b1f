package com.acme.crm.opportunity.qualification;

import com.acme.crm.common.inbox.CommandBatch;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.opportunity.qualification.AttemptLookup.Found;
import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One consumer batch of opportunity commands, set-based around the per-message decisions: before
 * the works, the attempts of all its CreateOpportunity commands are looked up (and their
 * opportunities update-locked) in one statement; each create then decides from that and from what
 * the batch's earlier commands did (a repeat finds the opportunity made before it, a create after an
 * undo finds the attempt undone), and the new opportunities with their notes, stakeholders and files
 * wait in {@link WriteBehind} to be written in one statement before the commit. A chunk of
 * notes or an undo writes what waits first (it reads those rows).
 * <p>
 * It serves only the transaction it was prepared in ({@link CommandBatch}).
 */
final class OpportunityBatch extends CommandBatch<CreateOpportunity> {

    private final AttemptLookup lookup;

    private Map<UUID, Found> attempts = Map.of();

    OpportunityBatch(AttemptLookup lookup) {
        this.lookup = lookup;
    }

    /** A create that cannot be done is rejected without a look-up. */
    @Override
    protected boolean loads(CreateOpportunity command) {
        return CreateOpportunityCheck.problem(command).isEmpty();
    }

    /** The fresh creates' attempts (their opportunities update-locked) in one statement. */
    @Override
    protected Uni<Void> load(List<CreateOpportunity> creates) {
        Set<UUID> asked = new LinkedHashSet<>();
        creates.forEach(command -> asked.add(command.qualificationId()));
        return lookup.find(asked).invoke(found -> this.attempts = new HashMap<>(found)).replaceWithVoid();
    }

    boolean knows(UUID attempt) {
        return attempts.containsKey(attempt);
    }

    /** The attempt as the batch knows it now: as loaded, with what its earlier commands did. */
    Found found(UUID attempt) {
        return attempts.get(attempt);
    }

    /** The attempt has its opportunity now (its rows wait in {@link WriteBehind}). */
    void made(UUID attempt, UUID opportunity) {
        attempts.put(attempt, new Found(false, opportunity));
    }

    /** The attempt was undone in this transaction: a create of it after that is ignored. */
    void undone(UUID attempt) {
        if (loaded()) {
            attempts.put(attempt, new Found(true, null));
        }
    }

    /** Writes what waits (the rows of {@code writer}), if this transaction is the batch's; the batch goes on. */
    Uni<Void> write(WriteBehind.Rows<?> writer) {
        return serves() ? WriteBehind.writeNow(writer) : Uni.createFrom().voidItem();
    }

    @Override
    protected void forget() {
        attempts = Map.of();
    }
}
