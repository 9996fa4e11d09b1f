package com.acme.crm.account.duplicates;

import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Finds the existing records a qualification would duplicate: accounts by normalised name or
 * website domain, contacts by email (case-insensitive). Only records the attempt would create
 * are checked; linked ones are wanted, not duplicates. Matches are share-locked: a compensation
 * cannot remove one before the attempt that found it has linked it (or a removed one is not found).
 * Accounts and contacts are looked up in one statement (one round trip per resolve).
 */
@ApplicationScoped
public class DuplicateFinder {

    private static final int MAX_MATCHES = 10;

    /** Each side share-locks at most MAX_MATCHES rows, oldest first; a side that is not checked reads nothing. */
    private static final String FIND = """
            with accounts as (
                select id, name, normalized_name, created_at from account
                where :checkAccount and (normalized_name = cast(:name as text) or website_domain = cast(:domain as text))
                order by created_at, id limit %1$d for share),
            contacts as (
                select id, first_name, last_name, created_at from contact
                where :checkContact and lower(email) = lower(cast(:email as text))
                order by created_at, id limit %1$d for share)
            select 'ACCOUNT' as kind, id, name, normalized_name as detail, created_at from accounts
            union all
            select 'CONTACT', id, first_name, last_name, created_at from contacts
            order by 1, 5, 2""".formatted(MAX_MATCHES);

    /** The rows' mapping, declared on Account: named, so Hibernate's query plan cache finds the query again (see AttemptLookup.ROW). */
    public static final String ROW = "DuplicateFinder.row";

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
        String name = CompanyNames.normalize(prospect.companyName());
        String domain = CompanyNames.websiteDomain(prospect.website());
        String email = prospect.email() == null || prospect.email().isBlank() ? null : prospect.email().trim();
        boolean checkAccount = command.createAccount() && command.existingAccountId() == null && (name != null || domain != null);
        boolean checkContact = command.createContact() && command.existingContactId() == null && email != null;
        if (!checkAccount && !checkContact) {
            return Uni.createFrom().item(new Matches(List.of(), List.of()));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(FIND, session.getResultSetMapping(Object[].class, ROW))
                        .setParameter("checkAccount", checkAccount)
                        .setParameter("name", name)
                        .setParameter("domain", domain)
                        .setParameter("checkContact", checkContact)
                        .setParameter("email", email)
                        .getResultList())
                .map(rows -> matches(rows, name));
    }

    private static Matches matches(List<Object[]> rows, String name) {
        List<DuplicateMatch> accounts = new ArrayList<>();
        List<DuplicateMatch> contacts = new ArrayList<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[1];
            if ("ACCOUNT".equals(row[0])) {
                accounts.add(new DuplicateMatch(id, (String) row[2], name != null && name.equals(row[3]) ? "name" : "website"));
            } else {
                String first = (String) row[2];
                String last = (String) row[3];
                contacts.add(new DuplicateMatch(id, first == null ? last : first + " " + last, "email"));
            }
        }
        return new Matches(List.copyOf(accounts), List.copyOf(contacts));
    }
}
