package com.acme.crm.account.qualification;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the compensation of one qualification attempt does with each record the attempt created,
 * decided without I/O (SPEC rule 9): a record another attempt or a user relies on stays,
 * attributed to whoever relies on it; everything else is deleted.
 * <ul>
 * <li>A contact stays when another attempt linked it; it passes to the earliest of them.</li>
 * <li>An account stays when another attempt linked it (it passes to the earliest), or when a
 * contact that stays works for it: it passes to the attempt the earliest such contact belongs
 * to, or, when only users' contacts remain, to the users (no attempt any more).</li>
 * </ul>
 * A record passed to attempt B is removed when B is compensated, unless someone relies on it then.
 */
public final class CompensationPlan {

    /** A qualification attempt of a lead. */
    public record Attempt(UUID qualificationId, UUID leadId) {
    }

    /** Another attempt's use of a record (created or linked), from the record_link table. */
    public record Link(UUID recordId, Attempt by, Instant linkedAt) {
    }

    /** A contact working for one of the attempt's accounts; {@code attributedTo} null for a user's contact. */
    public record ContactOnAccount(UUID contactId, UUID accountId, Attempt attributedTo, Instant createdAt) {
    }

    public sealed interface Fate permits Delete, PassTo, PassToUsers {
    }

    public record Delete() implements Fate {
    }

    /** Stays, now created by (and pointing back to the lead of) {@code attempt}. */
    public record PassTo(Attempt attempt) implements Fate {
    }

    /** Stays as a record of its own (no attempt, no originating lead): users' records rely on it. */
    public record PassToUsers() implements Fate {
    }

    /** Each record's fate, contacts and accounts in the order given. */
    public record Plan(Map<UUID, Fate> contacts, Map<UUID, Fate> accounts) {
    }

    private CompensationPlan() {
    }

    /**
     * @param undone          the attempt being compensated
     * @param contacts        the contacts it created (or that passed to it)
     * @param accounts        the accounts it created (or that passed to it)
     * @param links           every attempt's links to those records (the undone attempt's own are ignored)
     * @param contactsOnAccounts every contact working for one of those accounts, the attempt's own included
     */
    public static Plan of(UUID undone, List<UUID> contacts, List<UUID> accounts, List<Link> links,
                          List<ContactOnAccount> contactsOnAccounts) {
        List<Link> others = links.stream()
                .filter(link -> !link.by().qualificationId().equals(undone))
                .sorted(Comparator.comparing(Link::linkedAt).thenComparing(link -> link.by().qualificationId()))
                .toList();
        Map<UUID, Fate> contactFates = new LinkedHashMap<>();
        for (UUID contact : contacts) {
            contactFates.put(contact, firstLinkTo(contact, others).<Fate>map(PassTo::new).orElse(new Delete()));
        }
        Map<UUID, Fate> accountFates = new LinkedHashMap<>();
        for (UUID account : accounts) {
            Optional<Attempt> linkedBy = firstLinkTo(account, others);
            accountFates.put(account, linkedBy.isPresent() ? new PassTo(linkedBy.get())
                    : reliedOnByContacts(undone, account, contactFates, contactsOnAccounts));
        }
        return new Plan(contactFates, accountFates);
    }

    private static Optional<Attempt> firstLinkTo(UUID record, List<Link> sortedLinks) {
        return sortedLinks.stream().filter(link -> link.recordId().equals(record)).map(Link::by).findFirst();
    }

    /** The account's fate given the contacts that stay on it, with the attribution each will have after this plan. */
    private static Fate reliedOnByContacts(UUID undone, UUID account, Map<UUID, Fate> contactFates,
                                           List<ContactOnAccount> contactsOnAccounts) {
        List<ContactOnAccount> staying = contactsOnAccounts.stream()
                .filter(c -> c.accountId().equals(account))
                .filter(c -> !(contactFates.get(c.contactId()) instanceof Delete))
                .sorted(Comparator.comparing(ContactOnAccount::createdAt).thenComparing(ContactOnAccount::contactId))
                .toList();
        if (staying.isEmpty()) {
            return new Delete();
        }
        return staying.stream()
                .map(c -> contactFates.get(c.contactId()) instanceof PassTo pass ? pass.attempt() : c.attributedTo())
                .filter(Objects::nonNull)
                .filter(attempt -> !attempt.qualificationId().equals(undone))
                .findFirst()
                .<Fate>map(PassTo::new)
                .orElse(new PassToUsers());
    }
}
