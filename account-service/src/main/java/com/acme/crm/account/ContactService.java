package com.acme.crm.account;

import com.acme.crm.account.events.AccountEvents;
import com.acme.crm.common.paging.NewestFirstQuery;
import com.acme.crm.common.paging.Page;
import com.acme.crm.common.paging.TimeCursor;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.PublicEvents;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.UUID;

/** Contacts made by hand; qualification makes them in {@code AccountAndContactResolver}. The HTTP edge shows what it answers. */
@ApplicationScoped
public class ContactService {

    @Inject
    AccountEvents events;

    @WithSession
    public Uni<Page<Contact>> list(String q, String email, UUID originatingLeadId, int limit, String cursor) {
        return new NewestFirstQuery()
                .where("(lower(lastName) like :q or lower(firstName) like :q or lower(email) like :q)", "q",
                        AccountService.like(q))
                .where("lower(email) = :email", "email", email == null ? null : email.trim().toLowerCase())
                .where("originatingLeadId = :lead", "lead", originatingLeadId)
                .page((query, params) -> Contact.find(query, params), cursor, limit, (Contact c) -> c, c -> new TimeCursor(c.createdAt, c.id));
    }

    @WithSession
    public Uni<Contact> get(UUID id) {
        return find(id);
    }

    @WithTransaction
    public Uni<Contact> create(ContactInput input, String actor) {
        Contact contact = new Contact();
        contact.madeBy(actor);
        return apply(contact, input).chain(c -> c.<Contact>persist())
                .call(c -> events.contact(PublicEvents.CONTACT_CREATED, c));
    }

    @WithTransaction
    public Uni<Contact> patch(UUID id, ContactInput input) {
        return find(id).chain(contact -> apply(contact, input)).call(Contact::flush)
                .call(c -> events.contact(PublicEvents.CONTACT_UPDATED, c));
    }

    private static Uni<Contact> find(UUID id) {
        return Contact.<Contact>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("contact", id));
    }

    /** Copies the fields the client sent (absent ones stay); a named account must exist. */
    private static Uni<Contact> apply(Contact contact, ContactInput input) {
        contact.firstName = input.firstName() != null ? input.firstName() : contact.firstName;
        contact.lastName = input.lastName() != null ? input.lastName() : contact.lastName;
        contact.email = input.email() != null ? input.email() : contact.email;
        contact.jobTitle = input.jobTitle() != null ? input.jobTitle() : contact.jobTitle;
        contact.businessPhone = input.businessPhone() != null ? input.businessPhone() : contact.businessPhone;
        contact.mobilePhone = input.mobilePhone() != null ? input.mobilePhone() : contact.mobilePhone;
        contact.modifiedAt = Instant.now();
        if (input.accountId() == null) {
            return Uni.createFrom().item(contact);
        }
        // share-locked: a compensation deciding whether to keep this account waits for (and then sees) this contact
        return Account.findById(input.accountId(), LockModeType.PESSIMISTIC_READ).map(account -> {
            if (account == null) {
                throw ProblemException.badRequest("accountId", "account " + input.accountId() + " does not exist");
            }
            contact.accountId = input.accountId();
            return contact;
        });
    }
}
