package com.acme.crm.account.qualification;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.account.duplicates.DuplicateCandidates;
import com.acme.crm.account.duplicates.DuplicateFinder;
import com.acme.crm.account.duplicates.DuplicateFinder.Matches;
import com.acme.crm.account.qualification.AttemptLookup.Found;
import com.acme.crm.account.qualification.AttemptLookup.Linked;
import com.acme.crm.account.qualification.RecordLink.Kind;
import com.acme.crm.common.inbox.ConsumerDispatcher;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One consumer batch of account commands, set-based around the per-message decisions: before the
 * works, what every resolve would load alone is loaded for all in two statements (their attempts,
 * named records and advisory locks; then the duplicate candidates); each resolve then decides from
 * that and from what the batch's earlier resolves created (so the second of two prospects of one
 * company finds the first's account, and a repeated command its links), and its rows wait to be
 * written with the others' in one statement per table before the commit.
 * <p>
 * It serves only the transaction it was prepared in: a message handled alone (a batch split around a
 * failure) or a rehearsal loads and writes for itself. An undo writes what is waiting and ends the
 * batch's facts (it removes records they hold); the resolves after it load alone. Made per poll, so
 * two channels never share one; used on one event loop.
 */
final class ResolveBatch implements ConsumerDispatcher.Preparation {

    private final AttemptLookup lookup;
    private final DuplicateFinder duplicates;
    private final Map<String, ResolveAccountAndContact> commands = new HashMap<>();

    /** The transaction whose facts these are; null when none (each work loads alone). */
    private Mutiny.Session session;
    private Map<UUID, Found> attempts = Map.of();
    private DuplicateCandidates candidates = new DuplicateCandidates();
    private final Set<UUID> created = new HashSet<>();
    private final List<NewRecords> waiting = new ArrayList<>();

    ResolveBatch(AttemptLookup lookup, DuplicateFinder duplicates) {
        this.lookup = lookup;
        this.duplicates = duplicates;
    }

    /** A resolve of the poll, by its message id (read once, when the consumer routes it). */
    void add(String messageId, ResolveAccountAndContact command) {
        commands.put(messageId, command);
    }

    @Override
    public Uni<Void> of(List<IncomingCloudEventMetadata<String>> fresh) {
        forget();
        List<ResolveAccountAndContact> resolves = fresh.stream().map(event -> commands.get(event.getId()))
                .filter(Objects::nonNull).toList();
        if (resolves.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        TreeSet<String> keys = new TreeSet<>();
        resolves.forEach(command -> keys.addAll(ResolveDecision.duplicateKeys(command)));
        return Panache.getSession().chain(current -> lookup.find(resolves, AccountAndContactResolver.advisoryKeys(List.copyOf(keys)))
                .chain(found -> duplicates.candidates(resolves.stream()
                                .filter(command -> searches(command, found.get(command.qualificationId()))).toList())
                        .invoke(candidates -> {
                            this.session = current;
                            this.attempts = new HashMap<>(found);
                            this.candidates = candidates;
                        })))
                .replaceWithVoid();
    }

    private static boolean searches(ResolveAccountAndContact command, Found found) {
        return found.links().isEmpty() && !found.undone() && ResolveDecision.searchesDuplicates(command);
    }

    /** Whether the current transaction is the one this batch was prepared in (and no undo ended it). */
    Uni<Boolean> serves() {
        return session == null ? Uni.createFrom().item(false) : Panache.getSession().map(current -> current == session);
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

    /** What the command's own search would find now, the batch's earlier new records included. */
    Matches matches(ResolveAccountAndContact command) {
        return candidates.matches(command);
    }

    /** A resolve's outcome: its rows wait for {@link #beforeCommit}; later commands see its records and links. */
    void resolved(ResolveAccountAndContact command, Account account, Contact contact, UUID accountId, UUID contactId) {
        if (waiting.isEmpty() || waiting.get(waiting.size() - 1).resolves() >= NewRecords.MAX_RESOLVES) {
            waiting.add(new NewRecords());
        }
        waiting.get(waiting.size() - 1).add(command, account, contact, accountId, contactId, Instant.now());
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

    /** Writes what waits and ends the batch's facts: the works after this one load alone. */
    Uni<Void> leave() {
        return serves().chain(serving -> serving ? write() : Uni.createFrom().voidItem()).invoke(this::forget);
    }

    @Override
    public Uni<Void> beforeCommit() {
        return leave();
    }

    private Uni<Void> write() {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (NewRecords records : waiting) {
            done = done.chain(() -> records.statement().execute());
        }
        return done;
    }

    private void forget() {
        session = null;
        attempts = Map.of();
        candidates = new DuplicateCandidates();
        created.clear();
        waiting.clear();
    }
}
