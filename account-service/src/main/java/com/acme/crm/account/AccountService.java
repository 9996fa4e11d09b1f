package com.acme.crm.account;

import com.acme.crm.account.events.AccountEvents;
import com.acme.crm.account.duplicates.CompanyNames;
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

import java.time.Instant;
import java.util.UUID;

/** Accounts made by hand; qualification makes them in {@code AccountAndContactResolver}. The HTTP edge shows what it answers. */
@ApplicationScoped
public class AccountService {

    @Inject
    AccountEvents events;

    @WithSession
    public Uni<Page<Account>> list(String q, String name, UUID originatingLeadId, int limit, String cursor) {
        return new NewestFirstQuery()
                .where("(lower(name) like :q or lower(website) like :q)", "q", like(q))
                .where("normalizedName = :name", "name", CompanyNames.normalize(name))
                .where("originatingLeadId = :lead", "lead", originatingLeadId)
                .page((query, params) -> Account.find(query, params), cursor, limit, (Account a) -> a, a -> new TimeCursor(a.createdAt, a.id));
    }

    /** {@code %text%} in lower case, or null when there is no text to look for. */
    static String like(String text) {
        return text == null || text.isBlank() ? null : "%" + text.trim().toLowerCase() + "%";
    }

    @WithSession
    public Uni<Account> get(UUID id) {
        return find(id);
    }

    @WithTransaction
    public Uni<Account> create(AccountInput input, String actor) {
        Account account = new Account();
        account.madeBy(actor);
        apply(account, input);
        return account.<Account>persist()
                .call(a -> events.account(PublicEvents.ACCOUNT_CREATED, a));
    }

    @WithTransaction
    public Uni<Account> patch(UUID id, AccountInput input) {
        return find(id).invoke(account -> apply(account, input)).call(Account::flush)
                .call(a -> events.account(PublicEvents.ACCOUNT_UPDATED, a));
    }

    private static Uni<Account> find(UUID id) {
        return Account.<Account>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("account", id));
    }

    /** Copies the fields the client sent; absent (null) fields stay as they are. */
    private static void apply(Account account, AccountInput input) {
        if (input.name() != null) {
            account.name = input.name();
            account.normalizedName = CompanyNames.normalize(input.name());
        }
        if (input.website() != null) {
            account.website = input.website();
            account.websiteDomain = CompanyNames.websiteDomain(input.website());
        }
        account.industry = input.industry() != null ? input.industry() : account.industry;
        account.phone = input.phone() != null ? input.phone() : account.phone;
        account.street = input.street() != null ? input.street() : account.street;
        account.city = input.city() != null ? input.city() : account.city;
        account.stateOrProvince = input.stateOrProvince() != null ? input.stateOrProvince() : account.stateOrProvince;
        account.postalCode = input.postalCode() != null ? input.postalCode() : account.postalCode;
        account.country = input.country() != null ? input.country() : account.country;
        account.modifiedAt = Instant.now();
    }
}
