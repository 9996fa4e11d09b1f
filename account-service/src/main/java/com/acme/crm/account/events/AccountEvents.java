package com.acme.crm.account.events;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.events.account.AccountEventData;
import com.acme.crm.contracts.events.account.ContactEventData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The public events of accounts and contacts (SPEC §7): on {@code crm.account.events}, keyed by the
 * record's id, the data is message-contracts' {@link AccountEventData} or {@link ContactEventData}.
 * Stored in the caller's transaction; relayed after commit.
 */
@ApplicationScoped
public class AccountEvents {

    @Inject
    Outbox outbox;

    /** {@code type} is one of {@link com.acme.crm.contracts.PublicEvents}' account names. */
    public Uni<Void> account(String type, Account account) {
        return outbox.publish(Topics.ACCOUNT_EVENTS, account.id, type, dataOf(account));
    }

    /** {@code type} is one of {@link com.acme.crm.contracts.PublicEvents}' contact names. */
    public Uni<Void> contact(String type, Contact contact) {
        return outbox.publish(Topics.ACCOUNT_EVENTS, contact.id, type, dataOf(contact));
    }

    /** As {@link #account}, for a work that ends at once: the event waits in the running WriteBehind unit ({@link Outbox#queue}). */
    public void queue(String type, Account account) {
        outbox.queue(Topics.ACCOUNT_EVENTS, account.id, type, dataOf(account));
    }

    /** As {@link #contact}, for a work that ends at once. */
    public void queue(String type, Contact contact) {
        outbox.queue(Topics.ACCOUNT_EVENTS, contact.id, type, dataOf(contact));
    }

    public static AccountEventData dataOf(Account a) {
        return new AccountEventData(a.id, a.name, a.website, a.industry, a.phone, a.street, a.city, a.stateOrProvince,
                a.postalCode, a.country, a.ownerId, a.originatingLeadId, a.createdAt, a.createdBy, a.modifiedAt, a.version);
    }

    public static ContactEventData dataOf(Contact c) {
        return new ContactEventData(c.id, c.firstName, c.lastName, c.email, c.jobTitle, c.businessPhone, c.mobilePhone,
                c.accountId, c.ownerId, c.originatingLeadId, c.createdAt, c.createdBy, c.modifiedAt, c.version);
    }
}
