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
 * What a resolve writes, as one statement: the account and contact it creates (either may be
 * null) and its links to the records it uses (SPEC rule 9). Plain SQL instead of three to four
 * entity inserts: the rows are new, so Hibernate's change tracking would buy nothing here.
 * The columns are those of {@link Account}, {@link Contact} and {@link RecordLink}.
 */
final class NewRecords {

    private static final List<String> ACCOUNT = List.of("id", "name", "normalized_name", "website", "website_domain",
            "industry", "phone", "street", "city", "state_or_province", "postal_code", "country",
            "owner_id", "originating_lead_id", "created_by_qualification", "created_at", "created_by", "modified_at", "version");
    private static final List<String> CONTACT = List.of("id", "first_name", "last_name", "email", "job_title",
            "business_phone", "mobile_phone", "account_id",
            "owner_id", "originating_lead_id", "created_by_qualification", "created_at", "created_by", "modified_at", "version");
    private static final List<String> LINK = List.of("qualification_id", "kind", "record_id", "lead_id", "linked_at");

    private NewRecords() {
    }

    /** @param accountId the account the attempt uses, made or linked (null: none); likewise {@code contactId} */
    static Uni<Void> insert(ResolveAccountAndContact command, Account account, Contact contact, UUID accountId, UUID contactId) {
        return statement(command, account, contact, accountId, contactId, Instant.now()).execute();
    }

    static CombinedInsert statement(ResolveAccountAndContact command, Account account, Contact contact,
                                    UUID accountId, UUID contactId, Instant now) {
        List<Object[]> links = new ArrayList<>();
        if (accountId != null) {
            links.add(new Object[]{command.qualificationId(), Kind.ACCOUNT.name(), accountId, command.leadId(), now});
        }
        if (contactId != null) {
            links.add(new Object[]{command.qualificationId(), Kind.CONTACT.name(), contactId, command.leadId(), now});
        }
        return new CombinedInsert()
                .into("account", ACCOUNT, account == null ? List.of() : List.<Object[]>of(row(account)))
                .into("contact", CONTACT, contact == null ? List.of() : List.<Object[]>of(row(contact)))
                .into("record_link", LINK, links);
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
