package com.acme.crm.account.duplicates;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.account.duplicates.DuplicateFinder.Matches;
import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The records some commands could duplicate, as {@link DuplicateFinder} read them for a whole batch,
 * plus those the batch created since: each command's matches are picked from them as its own search
 * would have found them (same keys, oldest first, at most {@link DuplicateFinder#MAX_MATCHES} a
 * side), so the second of two prospects of one company in a batch sees the first's new account.
 * Plain logic; not thread-safe (one batch, one event loop).
 */
public final class DuplicateCandidates {

    /** An account as the search compares it. */
    record AccountRow(UUID id, String name, String normalizedName, String websiteDomain, Instant createdAt) {
    }

    /** A contact as the search compares it. */
    record ContactRow(UUID id, String firstName, String lastName, String email, Instant createdAt) {
    }

    private static final Comparator<AccountRow> ACCOUNT_ORDER =
            Comparator.comparing(AccountRow::createdAt).thenComparing(AccountRow::id);
    private static final Comparator<ContactRow> CONTACT_ORDER =
            Comparator.comparing(ContactRow::createdAt).thenComparing(ContactRow::id);

    /** What the search found, by the key it was found with ("name:…", "domain:…", or the email as the command gave it). */
    private final Map<String, List<AccountRow>> foundAccounts = new HashMap<>();
    private final Map<String, List<ContactRow>> foundContacts = new HashMap<>();
    /**
     * Created in this transaction after the search, by the key a later command finds them with (its normalised name,
     * its domain, its email lower-cased as the table's {@code lower(email)}): a command looks up its own keys instead
     * of going through every record the batch made before it.
     */
    private final Map<String, List<AccountRow>> createdAccounts = new HashMap<>();
    private final Map<String, List<ContactRow>> createdContacts = new HashMap<>();

    void found(String key, AccountRow account) {
        foundAccounts.computeIfAbsent(key, k -> new ArrayList<>()).add(account);
    }

    void found(String email, ContactRow contact) {
        foundContacts.computeIfAbsent(email, k -> new ArrayList<>()).add(contact);
    }

    /** A record created in this transaction after the search: later commands must find it as they would in the table. */
    public void created(Account a) {
        AccountRow row = new AccountRow(a.id, a.name, a.normalizedName, a.websiteDomain, a.createdAt);
        if (a.normalizedName != null) {
            createdAccounts.computeIfAbsent("name:" + a.normalizedName, k -> new ArrayList<>()).add(row);
        }
        if (a.websiteDomain != null) {
            createdAccounts.computeIfAbsent("domain:" + a.websiteDomain, k -> new ArrayList<>()).add(row);
        }
    }

    public void created(Contact c) {
        if (c.email != null) {
            createdContacts.computeIfAbsent(c.email.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(new ContactRow(c.id, c.firstName, c.lastName, c.email, c.createdAt));
        }
    }

    /** What the own search of the command with these {@code keys} would find among these records. */
    public Matches matches(DuplicateKeys keys) {
        List<DuplicateMatch> accountMatches = new ArrayList<>();
        if (keys.checkAccount()) {
            Map<UUID, AccountRow> all = new LinkedHashMap<>();
            String byName = "name:" + keys.name();
            String byDomain = "domain:" + keys.domain();
            Stream.of(foundAccounts.get(byName), foundAccounts.get(byDomain), createdAccounts.get(byName), createdAccounts.get(byDomain))
                    .filter(Objects::nonNull).flatMap(List::stream)
                    .filter(a -> (keys.name() != null && keys.name().equals(a.normalizedName()))
                            || (keys.domain() != null && keys.domain().equals(a.websiteDomain())))
                    .forEach(a -> all.putIfAbsent(a.id(), a));
            all.values().stream().sorted(ACCOUNT_ORDER).limit(DuplicateFinder.MAX_MATCHES)
                    .forEach(a -> accountMatches.add(DuplicateFinder.accountMatch(a.id(), a.name(), a.normalizedName(), keys.name())));
        }
        List<DuplicateMatch> contactMatches = new ArrayList<>();
        if (keys.checkContact()) {
            Map<UUID, ContactRow> all = new LinkedHashMap<>();
            foundContacts.getOrDefault(keys.email(), List.of()).forEach(c -> all.putIfAbsent(c.id(), c));
            String lower = keys.email().toLowerCase(Locale.ROOT); // as the table's lower(email), for the batch's own contacts
            createdContacts.getOrDefault(lower, List.of()).forEach(c -> all.putIfAbsent(c.id(), c));
            all.values().stream().sorted(CONTACT_ORDER).limit(DuplicateFinder.MAX_MATCHES)
                    .forEach(c -> contactMatches.add(DuplicateFinder.contactMatch(c.id(), c.firstName(), c.lastName())));
        }
        return new Matches(List.copyOf(accountMatches), List.copyOf(contactMatches));
    }
}
