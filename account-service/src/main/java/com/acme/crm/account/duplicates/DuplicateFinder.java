package com.acme.crm.account.duplicates;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/**
 * Finds the existing records a qualification would duplicate: accounts by normalised name or
 * website domain, contacts by email (case-insensitive). Only records the attempt would create
 * are checked; linked ones are wanted, not duplicates. Matches are share-locked: a compensation
 * cannot remove one before the attempt that found it has linked it (or a removed one is not found).
 */
@ApplicationScoped
public class DuplicateFinder {

    private static final int MAX_MATCHES = 10;

    /** What matched; empty lists when nothing did. */
    public record Matches(List<DuplicateMatch> accounts, List<DuplicateMatch> contacts) {

        public boolean isEmpty() {
            return accounts.isEmpty() && contacts.isEmpty();
        }

        public UUID firstAccount() {
            return accounts.isEmpty() ? null : accounts.get(0).id();
        }

        public UUID firstContact() {
            return contacts.isEmpty() ? null : contacts.get(0).id();
        }
    }

    public Uni<Matches> find(ResolveAccountAndContact command) {
        ProspectDetails prospect = command.prospect();
        boolean checkAccount = command.createAccount() && command.existingAccountId() == null;
        boolean checkContact = command.createContact() && command.existingContactId() == null;
        Uni<List<DuplicateMatch>> accounts = checkAccount ? accounts(prospect) : Uni.createFrom().item(List.of());
        Uni<List<DuplicateMatch>> contacts = checkContact ? contacts(prospect) : Uni.createFrom().item(List.of());
        return accounts.chain(a -> contacts.map(c -> new Matches(a, c)));
    }

    private Uni<List<DuplicateMatch>> accounts(ProspectDetails prospect) {
        String name = CompanyNames.normalize(prospect.companyName());
        String domain = CompanyNames.websiteDomain(prospect.website());
        if (name == null && domain == null) {
            return Uni.createFrom().item(List.of());
        }
        return Account.<Account>find("normalizedName = ?1 or websiteDomain = ?2 order by createdAt, id", name, domain)
                .withLock(LockModeType.PESSIMISTIC_READ).page(0, MAX_MATCHES).list()
                .map(found -> found.stream()
                        .map(a -> new DuplicateMatch(a.id, a.name, name != null && name.equals(a.normalizedName) ? "name" : "website"))
                        .toList());
    }

    private Uni<List<DuplicateMatch>> contacts(ProspectDetails prospect) {
        if (prospect.email() == null || prospect.email().isBlank()) {
            return Uni.createFrom().item(List.of());
        }
        return Contact.<Contact>find("lower(email) = lower(?1) order by createdAt, id", prospect.email().trim())
                .withLock(LockModeType.PESSIMISTIC_READ).page(0, MAX_MATCHES).list()
                .map(found -> found.stream().map(c -> new DuplicateMatch(c.id, c.fullName(), "email")).toList());
    }
}
