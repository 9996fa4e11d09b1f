package com.acme.crm.account.qualification;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.account.qualification.RecordLink.Kind;
import com.acme.crm.common.persistence.CombinedInsert;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What resolves write, as one statement: the accounts and contacts they create and their links to
 * the records they use (SPEC rule 9), for one resolve or a whole batch's (then at most
 * {@link #MAX_RESOLVES} a statement, so the bind parameters stay far below PostgreSQL's 65,535).
 * Plain SQL instead of entity inserts: the rows are new, so Hibernate's change tracking would buy
 * nothing here. The columns are those of {@link Account}, {@link Contact} and {@link RecordLink}.
 */
final class NewRecords {

    /** 44 parameters a resolve at most: 250 make about 11,000. */
    static final int MAX_RESOLVES = 250;

    private static final List<String> ACCOUNT = List.of("id", "name", "normalized_name", "website", "website_domain",
            "industry", "phone", "street", "city", "state_or_province", "postal_code", "country",
            "owner_id", "originating_lead_id", "created_by_qualification", "created_at", "created_by", "modified_at", "version");
    private static final List<String> CONTACT = List.of("id", "first_name", "last_name", "email", "job_title",
            "business_phone", "mobile_phone", "account_id",
            "owner_id", "originating_lead_id", "created_by_qualification", "created_at", "created_by", "modified_at", "version");
    private static final List<String> LINK = List.of("qualification_id", "kind", "record_id", "lead_id", "linked_at");

    private final List<Object[]> accounts = new ArrayList<>();
    private final List<Object[]> contacts = new ArrayList<>();
    private final List<Object[]> links = new ArrayList<>();
    private int resolves;

    /** One resolve's records, written at once. */
    static Uni<Void> insert(ResolveAccountAndContact command, Account account, Contact contact, UUID accountId, UUID contactId) {
        return new NewRecords().add(command, account, contact, accountId, contactId, Instant.now()).statement().execute();
    }

    /**
     * Adds a resolve's records.
     *
     * @param account   the account it creates (null: none); likewise {@code contact}
     * @param accountId the account the attempt uses, made or linked (null: none); likewise {@code contactId}
     */
    NewRecords add(ResolveAccountAndContact command, Account account, Contact contact, UUID accountId, UUID contactId, Instant now) {
        if (account != null) {
            accounts.add(row(account));
        }
        if (contact != null) {
            contacts.add(row(contact));
        }
        if (accountId != null) {
            links.add(new Object[]{command.qualificationId(), Kind.ACCOUNT.name(), accountId, command.leadId(), now});
        }
        if (contactId != null) {
            links.add(new Object[]{command.qualificationId(), Kind.CONTACT.name(), contactId, command.leadId(), now});
        }
        resolves++;
        return this;
    }

    int resolves() {
        return resolves;
    }

    CombinedInsert statement() {
        return new CombinedInsert().into("account", ACCOUNT, accounts).into("contact", CONTACT, contacts).into("record_link", LINK, links);
    }

    private static Object[] row(Account a) {
        return new Object[]{a.id, a.name, a.normalizedName, a.website, a.websiteDomain, a.industry, a.phone, a.street, a.city,
                a.stateOrProvince, a.postalCode, a.country,
                a.ownerId, a.originatingLeadId, a.createdByQualification, a.createdAt, a.createdBy, a.modifiedAt, a.version};
    }

    private static Object[] row(Contact c) {
        return new Object[]{c.id, c.firstName, c.lastName, c.email, c.jobTitle, c.businessPhone, c.mobilePhone, c.accountId,
                c.ownerId, c.originatingLeadId, c.createdByQualification, c.createdAt, c.createdBy, c.modifiedAt, c.version};
    }
}
