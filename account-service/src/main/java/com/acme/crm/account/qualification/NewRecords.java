package com.acme.crm.account.qualification;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.account.qualification.RecordLink.Kind;
import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.persistence.WriteStatement;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What resolves write, as one statement: the accounts and contacts they create and their links to
 * the records they use (SPEC rule 9), for one resolve or a whole batch's. The rows go as one JSON
 * document bound to one parameter ({@link JsonRows}), so the statement has one SQL text whatever
 * the batch's size: Hibernate parses and binds one value instead of 44 a resolve, and PostgreSQL
 * parses one short statement (the former multi-row {@code values} took thousands of parameters and
 * a text per batch size; docs/performance.md, "Issue 9, tenth step"). Plain SQL instead of entity
 * inserts: the rows are new, so Hibernate's change tracking would buy nothing here. A contact may
 * reference an account inserted beside it: PostgreSQL checks foreign keys at the statement's end.
 * The columns are those of {@link Account}, {@link Contact} and {@link RecordLink}.
 */
@ApplicationScoped
public class NewRecords {

    private static final String INSERT = """
            with given as (select cast(cast(:rows as text) as jsonb) as r),
            new_account as (
                insert into account (id, name, normalized_name, website, website_domain, industry, phone, street, city,
                                     state_or_province, postal_code, country, owner_id, originating_lead_id,
                                     created_by_qualification, created_at, created_by, modified_at, version)
                select cast(a ->> 'id' as uuid), a ->> 'name', a ->> 'normalizedName', a ->> 'website', a ->> 'websiteDomain',
                       a ->> 'industry', a ->> 'phone', a ->> 'street', a ->> 'city', a ->> 'stateOrProvince',
                       a ->> 'postalCode', a ->> 'country', a ->> 'ownerId', cast(a ->> 'originatingLeadId' as uuid),
                       cast(a ->> 'createdByQualification' as uuid), cast(a ->> 'createdAt' as timestamptz),
                       a ->> 'createdBy', cast(a ->> 'modifiedAt' as timestamptz), cast(a ->> 'version' as bigint)
                from given, jsonb_array_elements(given.r -> 'accounts') as accounts(a)),
            new_contact as (
                insert into contact (id, first_name, last_name, email, job_title, business_phone, mobile_phone, account_id,
                                     owner_id, originating_lead_id, created_by_qualification, created_at, created_by,
                                     modified_at, version)
                select cast(c ->> 'id' as uuid), c ->> 'firstName', c ->> 'lastName', c ->> 'email', c ->> 'jobTitle',
                       c ->> 'businessPhone', c ->> 'mobilePhone', cast(c ->> 'accountId' as uuid), c ->> 'ownerId',
                       cast(c ->> 'originatingLeadId' as uuid), cast(c ->> 'createdByQualification' as uuid),
                       cast(c ->> 'createdAt' as timestamptz), c ->> 'createdBy', cast(c ->> 'modifiedAt' as timestamptz),
                       cast(c ->> 'version' as bigint)
                from given, jsonb_array_elements(given.r -> 'contacts') as contacts(c))
            insert into record_link (qualification_id, kind, record_id, lead_id, linked_at)
            select cast(l ->> 'qualificationId' as uuid), l ->> 'kind', cast(l ->> 'recordId' as uuid),
                   cast(l ->> 'leadId' as uuid), cast(l ->> 'linkedAt' as timestamptz)
            from given, jsonb_array_elements(given.r -> 'links') as links(l)""";

    @Inject
    JsonRows jsonRows;

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

    /** An account's columns as the statement reads them. */
    record AccountRow(UUID id, String name, String normalizedName, String website, String websiteDomain, String industry,
                      String phone, String street, String city, String stateOrProvince, String postalCode, String country,
                      String ownerId, UUID originatingLeadId, UUID createdByQualification, String createdAt, String createdBy,
                      String modifiedAt, long version) {

        static AccountRow of(Account a) {
            return new AccountRow(a.id, a.name, a.normalizedName, a.website, a.websiteDomain, a.industry, a.phone, a.street,
                    a.city, a.stateOrProvince, a.postalCode, a.country, a.ownerId, a.originatingLeadId,
                    a.createdByQualification, text(a.createdAt), a.createdBy, text(a.modifiedAt), a.version);
        }
    }

    /** A contact's columns as the statement reads them. */
    record ContactRow(UUID id, String firstName, String lastName, String email, String jobTitle, String businessPhone,
                      String mobilePhone, UUID accountId, String ownerId, UUID originatingLeadId, UUID createdByQualification,
                      String createdAt, String createdBy, String modifiedAt, long version) {

        static ContactRow of(Contact c) {
            return new ContactRow(c.id, c.firstName, c.lastName, c.email, c.jobTitle, c.businessPhone, c.mobilePhone,
                    c.accountId, c.ownerId, c.originatingLeadId, c.createdByQualification, text(c.createdAt), c.createdBy,
                    text(c.modifiedAt), c.version);
        }
    }

    /** A link's columns as the statement reads them. */
    record LinkRow(UUID qualificationId, String kind, UUID recordId, UUID leadId, String linkedAt) {
    }

    /** The statement's one document: every table's rows. */
    record Rows(List<AccountRow> accounts, List<ContactRow> contacts, List<LinkRow> links) {
    }

    // joinable: it reads no other writer's rows (a contact's account, inserted beside it, is checked at the statement's end)
    private final WriteBehind.Joinable<Resolved> writer = (session, resolves) -> statement(resolves);

    /**
     * The resolves' writer for {@link WriteBehind}: a batch's resolves wait there and are written together before the
     * commit, in the batch's one statement of writes. A method, not a field: callers hold a CDI proxy, and the buffer
     * knows a writer by its identity.
     */
    WriteBehind.Rows<Resolved> writer() {
        return writer;
    }

    /** {@code resolves}' records in one statement, now. */
    Uni<Void> insert(List<Resolved> resolves) {
        return writer.write(resolves);
    }

    private WriteStatement statement(List<Resolved> resolves) {
        Rows rows = new Rows(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Resolved resolved : resolves) {
            add(resolved, rows);
        }
        return jsonRows.statement(INSERT, rows);
    }

    private static void add(Resolved resolved, Rows rows) {
        ResolveAccountAndContact command = resolved.command();
        if (resolved.account() != null) {
            rows.accounts().add(AccountRow.of(resolved.account()));
        }
        if (resolved.contact() != null) {
            rows.contacts().add(ContactRow.of(resolved.contact()));
        }
        String linkedAt = text(resolved.linkedAt());
        if (resolved.accountId() != null) {
            rows.links().add(new LinkRow(command.qualificationId(), Kind.ACCOUNT.name(), resolved.accountId(), command.leadId(), linkedAt));
        }
        if (resolved.contactId() != null) {
            rows.links().add(new LinkRow(command.qualificationId(), Kind.CONTACT.name(), resolved.contactId(), command.leadId(), linkedAt));
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
