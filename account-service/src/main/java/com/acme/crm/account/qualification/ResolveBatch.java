package com.acme.crm.account.qualification;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.account.duplicates.DuplicateCandidates;
import com.acme.crm.account.duplicates.DuplicateFinder;
import com.acme.crm.account.duplicates.DuplicateKeys;
import com.acme.crm.account.duplicates.DuplicateFinder.Matches;
import com.acme.crm.account.qualification.AttemptLookup.Found;
import com.acme.crm.account.qualification.AttemptLookup.Linked;
import com.acme.crm.account.qualification.RecordLink.Kind;
import com.acme.crm.common.inbox.CommandBatch;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One consumer batch of account commands, set-based around the per-message decisions: before the
 * works, what every resolve would load alone is loaded for all in two statements (their attempts,
 * named records and advisory locks; then the duplicate candidates); each resolve then decides from
 * that and from what the batch's earlier resolves created (so the second of two prospects of one
 * company finds the first's account, and a repeated command its links), and its rows wait in
 * {@link WriteBehind} ({@link NewRecords#writer()}) to be written with the others' in one statement
 * before the commit.
 * <p>
 * It serves only the transaction it was prepared in ({@link CommandBatch}). An undo writes what is
 * waiting and ends the batch's facts (it removes records they hold); the resolves after it load alone.
 */
final class ResolveBatch extends CommandBatch<ResolveAccountAndContact> {

    private final AttemptLookup lookup;
    private final DuplicateFinder duplicates;
    private final NewRecords newRecords;

    private Map<UUID, Found> attempts = Map.of();
    /** Each loaded command's duplicate keys, worked out once (by identity: two commands of one attempt may differ). */
    private final Map<ResolveAccountAndContact, DuplicateKeys> keys = new IdentityHashMap<>();
    private DuplicateCandidates candidates = new DuplicateCandidates();
    private final Set<UUID> created = new HashSet<>();

    ResolveBatch(AttemptLookup lookup, DuplicateFinder duplicates, NewRecords newRecords) {
        this.lookup = lookup;
        this.duplicates = duplicates;
        this.newRecords = newRecords;
    }

    /** The fresh resolves' attempts, named records and advisory locks in one statement, then their duplicate candidates in one. */
    @Override
    protected Uni<Void> load(List<ResolveAccountAndContact> resolves) {
        resolves.forEach(this::keys);
        TreeSet<String> lockKeys = new TreeSet<>();
        resolves.forEach(command -> lockKeys.addAll(ResolveDecision.duplicateKeys(keys(command))));
        return lookup.find(resolves, AccountAndContactResolver.advisoryKeys(List.copyOf(lockKeys)))
                .chain(found -> duplicates.candidates(resolves.stream()
                                .filter(command -> searches(command, found.get(command.qualificationId()))).map(this::keys).toList())
                        .invoke(candidates -> {
                            this.attempts = new HashMap<>(found);
                            this.candidates = candidates;
                        }))
                .replaceWithVoid();
    }

    private static boolean searches(ResolveAccountAndContact command, Found found) {
        return found.links().isEmpty() && !found.undone() && ResolveDecision.searchesDuplicates(command);
    }

    /** Whether the batch loaded the command's attempt (every fresh resolve of the transaction it serves). */
    boolean knows(ResolveAccountAndContact command) {
        return attempts.containsKey(command.qualificationId());
    }

    /** The command's attempt as the batch knows it now: as loaded, with what its earlier resolves did. */
    Found found(ResolveAccountAndContact command) {
        Found found = attempts.get(command.qualificationId());
        return new Found(found.links(), found.undone(),
                found.namedAccountExists() || created.contains(command.existingAccountId()),
                found.namedContactExists() || created.contains(command.existingContactId()));
    }

    /** The command's duplicate keys, as the load worked them out (or now, for a command it did not load). */
    DuplicateKeys keys(ResolveAccountAndContact command) {
        return keys.computeIfAbsent(command, DuplicateKeys::of);
    }

    /** What the command's own search would find now, the batch's earlier new records included. */
    Matches matches(ResolveAccountAndContact command) {
        return candidates.matches(keys(command));
    }

    /** A resolve's outcome (its rows wait in {@link WriteBehind}): later commands see its records and links. */
    void resolved(ResolveAccountAndContact command, Account account, Contact contact, UUID accountId, UUID contactId) {
        if (account != null) {
            candidates.created(account);
            created.add(account.id);
        }
        if (contact != null) {
            candidates.created(contact);
            created.add(contact.id);
        }
        Found before = attempts.get(command.qualificationId());
        List<Linked> links = new ArrayList<>();
        if (accountId != null) {
            links.add(new Linked(Kind.ACCOUNT, accountId));
        }
        if (contactId != null) {
            links.add(new Linked(Kind.CONTACT, contactId));
        }
        attempts.put(command.qualificationId(), new Found(List.copyOf(links), before.undone(),
                before.namedAccountExists(), before.namedContactExists()));
    }

    /** The command's attempt was answered without records: a repeat later in the batch finds it undone. */
    void undone(ResolveAccountAndContact command) {
        Found before = attempts.get(command.qualificationId());
        attempts.put(command.qualificationId(), new Found(List.of(), true, before.namedAccountExists(), before.namedContactExists()));
    }

    /** Writes what waits and ends the batch's facts: the works after this one load alone. */
    Uni<Void> leave() {
        return (serves() ? WriteBehind.writeNow(newRecords.writer()) : Uni.createFrom().voidItem()).invoke(this::end);
    }

    @Override
    protected void forget() {
        attempts = Map.of();
        keys.clear();
        candidates = new DuplicateCandidates();
        created.clear();
    }
}
