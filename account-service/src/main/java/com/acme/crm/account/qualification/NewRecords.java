package com.acme.crm.account.qualification;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.account.qualification.RecordLink.Kind;
import com.acme.crm.common.persistence.CombinedInsert;
import com.acme.crm.common.persistence.WriteBehind;
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

    /**
     * What one resolve writes.
     *
     * @param account   the account it creates (null: none); likewise {@code contact}
     * @param accountId the account the attempt uses, made or linked (null: none); likewise {@code contactId}
     * @param linkedAt  when it decided (the links' time)
     */
    record Resolved(ResolveAccountAndContact command, Account account, Contact contact, UUID accountId, UUID contactId,
                    Instant linkedAt) {
    }

    /**
     * The resolves' writer for {@link WriteBehind}: a batch's resolves wait there and are written together before the
     * commit, in the order they were decided (a contact may belong to an account an earlier resolve made).
     */
    static final WriteBehind.Rows<Resolved> WRITER = NewRecords::insert;

    /** {@code resolves}' records, at most {@link #MAX_RESOLVES} a statement, in their order. */
    static Uni<Void> insert(List<Resolved> resolves) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int from = 0; from < resolves.size(); from += MAX_RESOLVES) {
            NewRecords records = new NewRecords();
            resolves.subList(from, Math.min(from + MAX_RESOLVES, resolves.size())).forEach(records::add);
            done = done.chain(() -> records.statement().execute());
        }
        return done;
    }

    private void add(Resolved resolved) {
        ResolveAccountAndContact command = resolved.command();
        if (resolved.account() != null) {
            accounts.add(row(resolved.account()));
        }
        if (resolved.contact() != null) {
            contacts.add(row(resolved.contact()));
        }
        if (resolved.accountId() != null) {
            links.add(new Object[]{command.qualificationId(), Kind.ACCOUNT.name(), resolved.accountId(), command.leadId(), resolved.linkedAt()});
        }
        if (resolved.contactId() != null) {
            links.add(new Object[]{command.qualificationId(), Kind.CONTACT.name(), resolved.contactId(), command.leadId(), resolved.linkedAt()});
        }
    }

    private CombinedInsert statement() {
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
