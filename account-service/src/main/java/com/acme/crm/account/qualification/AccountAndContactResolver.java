package com.acme.crm.account.qualification;

import com.acme.crm.account.Account;
import com.acme.crm.account.Contact;
import com.acme.crm.account.api.AccountView;
import com.acme.crm.account.api.ContactView;
import com.acme.crm.account.duplicates.CompanyNames;
import com.acme.crm.account.duplicates.DuplicateFinder;
import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactRejected;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.DuplicatesFound;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.QualificationReply;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * account-service's step of a qualification: link or create the account and the contact, or
 * report duplicates, and answer the lead service; and its compensation. Runs inside the
 * consumer's transaction, so the records, their events and the reply commit together.
 */
@ApplicationScoped
public class AccountAndContactResolver {

    @Inject
    DuplicateFinder duplicates;

    @Inject
    Outbox outbox;

    public Uni<Void> resolve(ResolveAccountAndContact command) {
        return alreadyResolved(command)
                .chain(previous -> previous != null ? Uni.createFrom().item(previous) : decide(command))
                .chain(reply -> outbox.publish(Topics.QUALIFICATION_REPLIES, command.leadId(),
                        QualificationMessages.typeOf(reply).name(), reply));
    }

    /** Removes what this attempt created (records it only linked stay), with their deleted events. */
    public Uni<Void> undo(UndoAccountAndContact command) {
        return Contact.<Contact>list("createdByQualification", command.qualificationId())
                .chain(contacts -> deleteAll(contacts, c -> outbox.publish(Topics.ACCOUNT_EVENTS, c.id,
                        PublicEvents.CONTACT_DELETED, ContactView.of(c))))
                .chain(() -> Account.<Account>list("createdByQualification", command.qualificationId()))
                .chain(accounts -> deleteAll(accounts, a -> outbox.publish(Topics.ACCOUNT_EVENTS, a.id,
                        PublicEvents.ACCOUNT_DELETED, AccountView.of(a))));
    }

    /** A command sent twice for one attempt must not make a second set of records. */
    private Uni<QualificationReply> alreadyResolved(ResolveAccountAndContact command) {
        return Account.<Account>find("createdByQualification", command.qualificationId()).firstResult()
                .chain(account -> Contact.<Contact>find("createdByQualification", command.qualificationId()).firstResult()
                        .map(contact -> account == null && contact == null ? null : new AccountAndContactResolved(
                                command.qualificationId(), command.leadId(),
                                account != null ? account.id : command.existingAccountId(),
                                contact != null ? contact.id : command.existingContactId())));
    }

    private Uni<QualificationReply> decide(ResolveAccountAndContact command) {
        return existing(command).chain(rejection -> {
            if (rejection != null) {
                return Uni.createFrom().item(rejection);
            }
            if (command.duplicatePolicy() == DuplicatePolicy.CREATE_NEW) {
                return create(command, command.existingAccountId(), command.existingContactId());
            }
            return duplicates.find(command).chain(found -> {
                if (found.isEmpty()) {
                    return create(command, command.existingAccountId(), command.existingContactId());
                }
                if (command.duplicatePolicy() == DuplicatePolicy.LINK_EXISTING) {
                    return create(command,
                            command.existingAccountId() != null ? command.existingAccountId() : found.firstAccount(),
                            command.existingContactId() != null ? command.existingContactId() : found.firstContact());
                }
                return Uni.createFrom().item(new DuplicatesFound(command.qualificationId(), command.leadId(),
                        found.accounts(), found.contacts()));
            });
        });
    }

    /** Null when the ids to link exist; otherwise the rejection to send. */
    private Uni<QualificationReply> existing(ResolveAccountAndContact command) {
        Uni<Boolean> accountOk = command.existingAccountId() == null ? Uni.createFrom().item(true)
                : Account.findById(command.existingAccountId()).map(a -> a != null);
        Uni<Boolean> contactOk = command.existingContactId() == null ? Uni.createFrom().item(true)
                : Contact.findById(command.existingContactId()).map(c -> c != null);
        return accountOk.chain(aOk -> contactOk.map(cOk -> {
            if (!aOk) {
                return new AccountAndContactRejected(command.qualificationId(), command.leadId(),
                        "account " + command.existingAccountId() + " does not exist");
            }
            if (!cOk) {
                return new AccountAndContactRejected(command.qualificationId(), command.leadId(),
                        "contact " + command.existingContactId() + " does not exist");
            }
            return null;
        }));
    }

    /** Creates what is wanted and not linked; {@code accountId}/{@code contactId} are records to link. */
    private Uni<QualificationReply> create(ResolveAccountAndContact command, UUID accountId, UUID contactId) {
        Uni<UUID> account = accountId != null || !command.createAccount()
                ? Uni.createFrom().item(accountId)
                : newAccount(command).map(a -> a.id);
        return account.chain(resolvedAccount -> {
            Uni<UUID> contact = contactId != null || !command.createContact()
                    ? Uni.createFrom().item(contactId)
                    : newContact(command, resolvedAccount).map(c -> c.id);
            return contact.map(resolvedContact -> (QualificationReply) new AccountAndContactResolved(
                    command.qualificationId(), command.leadId(), resolvedAccount, resolvedContact));
        });
    }

    private Uni<Account> newAccount(ResolveAccountAndContact command) {
        ProspectDetails p = command.prospect();
        Account account = new Account();
        account.madeBy(command);
        account.name = p.companyName() != null && !p.companyName().isBlank() ? p.companyName() : fullName(p);
        account.normalizedName = CompanyNames.normalize(account.name);
        account.website = p.website();
        account.websiteDomain = CompanyNames.websiteDomain(p.website());
        account.industry = p.industry();
        account.phone = p.businessPhone();
        account.street = p.street();
        account.city = p.city();
        account.stateOrProvince = p.stateOrProvince();
        account.postalCode = p.postalCode();
        account.country = p.country();
        return account.<Account>persist()
                .call(a -> outbox.publish(Topics.ACCOUNT_EVENTS, a.id, PublicEvents.ACCOUNT_CREATED, AccountView.of(a)));
    }

    private Uni<Contact> newContact(ResolveAccountAndContact command, UUID accountId) {
        ProspectDetails p = command.prospect();
        Contact contact = new Contact();
        contact.madeBy(command);
        contact.firstName = p.firstName();
        contact.lastName = p.lastName();
        contact.email = p.email();
        contact.jobTitle = p.jobTitle();
        contact.businessPhone = p.businessPhone();
        contact.mobilePhone = p.mobilePhone();
        contact.accountId = accountId;
        return contact.<Contact>persist()
                .call(c -> outbox.publish(Topics.ACCOUNT_EVENTS, c.id, PublicEvents.CONTACT_CREATED, ContactView.of(c)));
    }

    private static String fullName(ProspectDetails p) {
        return p.firstName() == null ? p.lastName() : p.firstName() + " " + p.lastName();
    }

    private static <T extends io.quarkus.hibernate.reactive.panache.PanacheEntityBase> Uni<Void> deleteAll(
            List<T> records, java.util.function.Function<T, Uni<Void>> announce) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T record : records) {
            chain = chain.chain(() -> announce.apply(record)).chain(record::delete);
        }
        return chain;
    }
}
