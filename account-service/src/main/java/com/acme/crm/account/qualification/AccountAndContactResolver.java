package com.acme.crm.account.qualification;

import com.acme.crm.account.events.AccountEvents;
import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.account.OwnedRecord;
import com.acme.crm.account.duplicates.CompanyNames;
import com.acme.crm.account.duplicates.DuplicateFinder;
import com.acme.crm.account.duplicates.DuplicateKeys;
import com.acme.crm.account.duplicates.DuplicateFinder.Matches;
import com.acme.crm.account.qualification.CompensationPlan.Attempt;
import com.acme.crm.account.qualification.CompensationPlan.ContactOnAccount;
import com.acme.crm.account.qualification.CompensationPlan.Fate;
import com.acme.crm.account.qualification.CompensationPlan.PassTo;
import com.acme.crm.account.qualification.CompensationPlan.PassToUsers;
import com.acme.crm.account.qualification.CompensationPlan.Plan;
import com.acme.crm.account.qualification.RecordLink.Kind;
import com.acme.crm.account.qualification.ResolveDecision.Create;
import com.acme.crm.account.qualification.ResolveDecision.Facts;
import com.acme.crm.account.qualification.ResolveDecision.Link;
import com.acme.crm.account.qualification.ResolveDecision.Outcome;
import com.acme.crm.account.qualification.ResolveDecision.Proceed;
import com.acme.crm.account.qualification.ResolveDecision.Reject;
import com.acme.crm.account.qualification.ResolveDecision.ReportDuplicates;
import com.acme.crm.account.qualification.ResolveDecision.Step;
import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.steps.UndoneAttempts;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.DuplicatesFound;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.QualificationReply;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * account-service's step of a qualification, the I/O around {@link ResolveDecision} and
 * {@link CompensationPlan}: it loads and locks, then creates, links, reports or removes, and
 * answers the lead service. Runs inside the consumer's transaction, so the records, the links,
 * their events and the reply commit together.
 * <p>
 * Locks (SPEC rule 9): a resolve takes a share lock on every record it links and, before it
 * searches for duplicates, a transaction advisory lock on each duplicate key of what it may create
 * (sorted, so never in a cycle); a compensation takes an update lock on the records of its attempt
 * before it reads who else relies on them. A link and a compensation of one record therefore
 * happen one after the other, and concurrent attempts for one company see each other's records.
 */
@ApplicationScoped
public class AccountAndContactResolver {

    @Inject
    AttemptLookup lookup;
    @Inject
    DuplicateFinder duplicates;
    @Inject
    NewRecords newRecords;
    @Inject
    UndoneAttempts undoneAttempts;

    @Inject
    Outbox outbox;
    @Inject
    AccountEvents events;

    /**
     * A resolve on its own: it loads and writes for itself (after the attempts its transaction answered without records
     * are written, so a repeat finds its attempt undone). {@code lane}: where the command came from, the reply goes back on it.
     */
    public Uni<Void> resolve(ResolveAccountAndContact command, Lane lane) {
        DuplicateKeys keys = DuplicateKeys.of(command);
        return undoneAttempts.writeWaiting()
                .chain(() -> lookup.find(command, advisoryKeys(ResolveDecision.duplicateKeys(keys))))
                .chain(found -> found.links().isEmpty() ? decideAndCarryOut(command, keys, found)
                        : Uni.createFrom().item(previousAnswer(command, found)))
                .chain(reply -> reply(command, reply, lane));
    }

    /** A consumer batch's own loads and writes (see {@link ResolveBatch}); its commands are added as they are routed. */
    ResolveBatch batch() {
        return new ResolveBatch(lookup, duplicates, newRecords);
    }

    /**
     * A resolve of {@code batch}: from the batch's facts when it serves this transaction, else on its own. From the facts
     * it ends at once ({@link InOrder#DONE}): the decision, and its rows, events and reply queued for the batch's end.
     */
    public Uni<Void> resolve(ResolveAccountAndContact command, ResolveBatch batch, Lane lane) {
        if (!batch.serves() || !batch.knows(command)) {
            return resolve(command, lane);
        }
        QualificationReply reply = resolveIn(command, batch);
        outbox.queue(lane.replies(), command.leadId(), QualificationMessages.typeOf(reply).name(), reply);
        return InOrder.DONE;
    }

    /** The resolve decided from the batch's facts; what it writes waits in {@link WriteBehind}. */
    private QualificationReply resolveIn(ResolveAccountAndContact command, ResolveBatch batch) {
        AttemptLookup.Found found = batch.found(command);
        if (!found.links().isEmpty()) {
            return previousAnswer(command, found);
        }
        Matches matches = found.undone() || !ResolveDecision.searchesDuplicates(command) ? null : batch.matches(command);
        Outcome outcome = ResolveDecision.decide(command, new Facts(found.undone(), found.namedAccountExists(),
                found.namedContactExists(), matches));
        Carried carried = carried(command, batch.keys(command), outcome);
        NewRecords.Resolved records = carried.records();
        if (records == null) {
            batch.undone(command);
            undoneAttempts.queueAnsweredWithoutRecords(command.qualificationId());
            return carried.reply();
        }
        WriteBehind.queue(newRecords.writer(), records);
        batch.resolved(command, records.account(), records.contact(), records.accountId(), records.contactId());
        if (records.account() != null) {
            events.queue(PublicEvents.ACCOUNT_CREATED, records.account());
        }
        if (records.contact() != null) {
            events.queue(PublicEvents.CONTACT_CREATED, records.contact());
        }
        return carried.reply();
    }

    /**
     * The answer to a command that failed for a reason that will not change on retry (SPEC rule 7,
     * handed over by the consumer): the lead learns why at once, instead of waiting for its timeout. The attempt counts
     * as undone from then on ({@link UndoneAttempts}): a repeat of the command, which might succeed now, makes nothing.
     */
    public Uni<Void> reject(ResolveAccountAndContact command, String reason, Lane lane) {
        return undoneAttempts.answeredWithoutRecords(command.qualificationId())
                .chain(() -> reply(command, new AccountAndContactRejected(command.qualificationId(), command.leadId(),
                        "the account service cannot do this step: " + reason), lane));
    }

    /**
     * Removes what this attempt created, except what another attempt or a user relies on, which
     * passes to them (see {@link CompensationPlan}); forgets the attempt's links. Repeating it is harmless.
     */
    public Uni<Void> undo(UndoAccountAndContact command) {
        return undo(command, null);
    }

    /** An undo of {@code batch} (null: none): what the batch's resolves made is written first, and the resolves after it load alone. */
    public Uni<Void> undo(UndoAccountAndContact command, ResolveBatch batch) {
        return (batch == null ? Uni.createFrom().voidItem() : batch.leave()).chain(() -> undone(command));
    }

    private Uni<Void> undone(UndoAccountAndContact command) {
        UUID attempt = command.qualificationId();
        return undoneAttempts.undone(attempt)
                .chain(() -> RecordLink.<RecordLink>list("qualificationId", attempt))
                .chain(own -> lockOwned(Account.class, attempt, idsOf(own, Kind.ACCOUNT))
                        .chain(accounts -> lockOwned(Contact.class, attempt, idsOf(own, Kind.CONTACT))
                                .chain(contacts -> compensate(attempt, accounts, contacts))))
                .chain(() -> RecordLink.delete("qualificationId", attempt))
                .replaceWithVoid();
    }

    // ---- resolve

    /** A command sent again for one attempt must not make a second set of records: its links answer it. */
    private static QualificationReply previousAnswer(ResolveAccountAndContact command, AttemptLookup.Found found) {
        UUID account = found.linked(Kind.ACCOUNT);
        UUID contact = found.linked(Kind.CONTACT);
        return new AccountAndContactResolved(command.qualificationId(), command.leadId(),
                account != null ? account : command.existingAccountId(), contact != null ? contact : command.existingContactId());
    }

    /** The lookup took the advisory locks already; the duplicate search is a statement of its own, so it sees what their previous holder committed. */
    private Uni<QualificationReply> decideAndCarryOut(ResolveAccountAndContact command, DuplicateKeys keys, AttemptLookup.Found found) {
        Uni<Matches> duplicates = found.undone() || !ResolveDecision.searchesDuplicates(command)
                ? Uni.createFrom().nullItem() : this.duplicates.find(keys);
        return duplicates.map(matches -> new Facts(found.undone(), found.namedAccountExists(), found.namedContactExists(), matches))
                .chain(facts -> carryOut(command, keys, ResolveDecision.decide(command, facts)));
    }

    /** 64-bit lock keys from the duplicate keys (a stable hash), in ascending order so no two attempts wait in a cycle. */
    static List<Long> advisoryKeys(List<String> duplicateKeys) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Long> keys = new ArrayList<>();
            for (String key : duplicateKeys) {
                byte[] hash = sha.digest(key.getBytes(StandardCharsets.UTF_8));
                long value = 0;
                for (int i = 0; i < 8; i++) {
                    value = (value << 8) | (hash[i] & 0xff);
                }
                keys.add(value);
            }
            return keys.stream().distinct().sorted().toList();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A resolve on its own carries its outcome out at once: the records inserted now, their events and the answer
     * stored. An answer without records makes the attempt undone ({@link UndoneAttempts}): its repeat is rejected, never
     * carried out.
     */
    private Uni<QualificationReply> carryOut(ResolveAccountAndContact command, DuplicateKeys keys, Outcome outcome) {
        Carried carried = carried(command, keys, outcome);
        NewRecords.Resolved records = carried.records();
        if (records == null) {
            return undoneAttempts.answeredWithoutRecords(command.qualificationId()).replaceWith(carried.reply());
        }
        Account account = records.account();
        Contact contact = records.contact();
        return newRecords.insert(List.of(records))
                .chain(() -> account == null ? Uni.createFrom().voidItem() : events.account(PublicEvents.ACCOUNT_CREATED, account))
                .chain(() -> contact == null ? Uni.createFrom().voidItem() : events.contact(PublicEvents.CONTACT_CREATED, contact))
                .replaceWith(carried.reply());
    }

    /**
     * What an outcome writes and answers, without I/O: the answer, and the records it makes and links (null for an answer
     * without records: duplicates reported or a rejection).
     */
    private record Carried(QualificationReply reply, NewRecords.Resolved records) {
    }

    private static Carried carried(ResolveAccountAndContact command, DuplicateKeys keys, Outcome outcome) {
        if (outcome instanceof Reject reject) {
            return new Carried(new AccountAndContactRejected(command.qualificationId(), command.leadId(), reject.reason()), null);
        }
        if (outcome instanceof ReportDuplicates report) {
            return new Carried(new DuplicatesFound(command.qualificationId(), command.leadId(),
                    report.matches().accounts(), report.matches().contacts()), null);
        }
        Proceed proceed = (Proceed) outcome;
        Account account = proceed.account() instanceof Create ? newAccount(command, keys) : null;
        UUID accountId = account != null ? account.id : linked(proceed.account());
        Contact contact = proceed.contact() instanceof Create ? newContact(command, accountId) : null;
        UUID contactId = contact != null ? contact.id : linked(proceed.contact());
        return new Carried(new AccountAndContactResolved(command.qualificationId(), command.leadId(), accountId, contactId),
                new NewRecords.Resolved(command, account, contact, accountId, contactId, Instant.now()));
    }

    private static UUID linked(Step step) {
        return step instanceof Link link ? link.id() : null;
    }

    /** {@code keys}: the command's, which hold its company name normalised and its website's domain. */
    private static Account newAccount(ResolveAccountAndContact command, DuplicateKeys keys) {
        ProspectDetails p = command.prospect();
        Account account = new Account();
        account.madeBy(command);
        account.name = ResolveDecision.accountName(p);
        // named after the company (the keys have it normalised) or, without one, after the person
        account.normalizedName = Objects.equals(account.name, p.companyName()) ? keys.name() : CompanyNames.normalize(account.name);
        account.website = p.website();
        account.websiteDomain = keys.domain();
        account.industry = p.industry();
        account.phone = p.businessPhone();
        account.street = p.street();
        account.city = p.city();
        account.stateOrProvince = p.stateOrProvince();
        account.postalCode = p.postalCode();
        account.country = p.country();
        return account;
    }

    private static Contact newContact(ResolveAccountAndContact command, UUID accountId) {
        ProspectDetails p = command.prospect();
        Contact contact = new Contact();
        contact.madeBy(command);
        contact.firstName = p.firstName();
        contact.lastName = p.lastName();
        contact.email = p.email();
        contact.jobTitle = p.jobTitle();
        contact.businessPhone = p.businessPhone();
        contact.mobilePhone = p.mobilePhone();
        contact.accountId = accountId;
        return contact;
    }

    private Uni<Void> reply(ResolveAccountAndContact command, QualificationReply reply, Lane lane) {
        return outbox.publish(lane.replies(), command.leadId(), QualificationMessages.typeOf(reply).name(), reply);
    }

    // ---- undo

    /**
     * Update-locks the records the attempt linked and those created by it (in id order), then
     * keeps those created by it: after the lock, who else relies on them can no longer change.
     */
    @SuppressWarnings("unchecked")
    private static <T extends OwnedRecord> Uni<List<T>> lockOwned(Class<T> type, UUID attempt, List<UUID> linked) {
        String query = linked.isEmpty() ? "createdByQualification = ?1 order by id"
                : "createdByQualification = ?1 or id in ?2 order by id";
        Object[] params = linked.isEmpty() ? new Object[]{attempt} : new Object[]{attempt, linked};
        Uni<List<T>> locked = (Uni<List<T>>) (Uni<?>) (type == Account.class
                ? Account.find(query, params).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                : Contact.find(query, params).withLock(LockModeType.PESSIMISTIC_WRITE).list());
        return locked.map(records -> records.stream().filter(r -> attempt.equals(r.createdByQualification)).toList());
    }

    private Uni<Void> compensate(UUID attempt, List<Account> accounts, List<Contact> contacts) {
        if (accounts.isEmpty() && contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> records = new ArrayList<>();
        accounts.forEach(a -> records.add(a.id));
        contacts.forEach(c -> records.add(c.id));
        List<UUID> accountIds = accounts.stream().map(a -> a.id).toList();
        Uni<List<Contact>> onAccounts = accountIds.isEmpty() ? Uni.createFrom().item(List.of())
                : Contact.<Contact>find("accountId in ?1", accountIds).withLock(LockModeType.PESSIMISTIC_READ).list();
        return RecordLink.<RecordLink>list("recordId in ?1", records)
                .chain(links -> onAccounts.map(staff -> CompensationPlan.of(attempt,
                        contacts.stream().map(c -> c.id).toList(), accountIds,
                        links.stream().map(l -> new CompensationPlan.Link(l.recordId, new Attempt(l.qualificationId, l.leadId), l.linkedAt)).toList(),
                        staff.stream().map(c -> new ContactOnAccount(c.id, c.accountId,
                                c.createdByQualification == null ? null : new Attempt(c.createdByQualification, c.originatingLeadId),
                                c.createdAt)).toList())))
                .chain(plan -> carryOut(plan, accounts, contacts));
    }

    /** Contacts before accounts (a contact's account must outlive it); events for every change. */
    private Uni<Void> carryOut(Plan plan, List<Account> accounts, List<Contact> contacts) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Contact contact : contacts) {
            done = done.chain(() -> apply(plan.contacts().get(contact.id), contact,
                    c -> events.contact(PublicEvents.CONTACT_DELETED, c)));
        }
        done = done.chain(() -> Panache.getSession().chain(session -> session.flush()));
        for (Account account : accounts) {
            done = done.chain(() -> apply(plan.accounts().get(account.id), account,
                    a -> events.account(PublicEvents.ACCOUNT_DELETED, a)));
        }
        return done.chain(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(() -> announceUpdates(plan, accounts, contacts));
    }

    private static <T extends OwnedRecord> Uni<Void> apply(Fate fate, T record, Function<T, Uni<Void>> announceDeletion) {
        if (fate instanceof PassTo pass) {
            record.createdByQualification = pass.attempt().qualificationId();
            record.originatingLeadId = pass.attempt().leadId();
            record.modifiedAt = Instant.now();
            return Uni.createFrom().voidItem();
        }
        if (fate instanceof PassToUsers) {
            record.createdByQualification = null;
            record.originatingLeadId = null;
            record.modifiedAt = Instant.now();
            return Uni.createFrom().voidItem();
        }
        return announceDeletion.apply(record).chain(record::delete);
    }

    /** Records that stay show a new originating lead: other systems hear of it like of any change. */
    private Uni<Void> announceUpdates(Plan plan, List<Account> accounts, List<Contact> contacts) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Contact contact : contacts) {
            if (stays(plan.contacts(), contact.id)) {
                done = done.chain(() -> events.contact(PublicEvents.CONTACT_UPDATED, contact));
            }
        }
        for (Account account : accounts) {
            if (stays(plan.accounts(), account.id)) {
                done = done.chain(() -> events.account(PublicEvents.ACCOUNT_UPDATED, account));
            }
        }
        return done;
    }

    private static boolean stays(Map<UUID, Fate> fates, UUID id) {
        return !(fates.get(id) instanceof CompensationPlan.Delete);
    }

    private static List<UUID> idsOf(List<RecordLink> links, Kind kind) {
        return links.stream().filter(l -> l.kind == kind).map(l -> l.recordId).toList();
    }
}
