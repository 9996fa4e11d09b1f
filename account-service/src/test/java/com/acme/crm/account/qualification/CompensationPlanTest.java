package com.acme.crm.account.qualification;

import com.acme.crm.account.qualification.CompensationPlan.Attempt;
import com.acme.crm.account.qualification.CompensationPlan.ContactOnAccount;
import com.acme.crm.account.qualification.CompensationPlan.Delete;
import com.acme.crm.account.qualification.CompensationPlan.Link;
import com.acme.crm.account.qualification.CompensationPlan.PassTo;
import com.acme.crm.account.qualification.CompensationPlan.PassToUsers;
import com.acme.crm.account.qualification.CompensationPlan.Plan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Given an attempt's records and who relies on them, when it is compensated, then each record's fate (plain JUnit). */
class CompensationPlanTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    private final Attempt a = attempt();
    private final Attempt b = attempt();
    private final Attempt c = attempt();
    private final UUID account = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();

    @Test
    void nobodyElseReliesOnThem_everythingIsDeleted() {
        Plan plan = CompensationPlan.of(a.qualificationId(), List.of(contact), List.of(account),
                List.of(link(account, a, 0), link(contact, a, 0)),
                List.of(new ContactOnAccount(contact, account, a, T0)));

        assertEquals(new Delete(), plan.contacts().get(contact));
        assertEquals(new Delete(), plan.accounts().get(account));
    }

    @Test
    void recordsLinkedByOtherAttempts_passToTheEarliestOfThem() {
        Plan plan = CompensationPlan.of(a.qualificationId(), List.of(contact), List.of(account),
                List.of(link(account, a, 0), link(contact, a, 0), link(account, c, 20), link(account, b, 10),
                        link(contact, c, 5)),
                List.of(new ContactOnAccount(contact, account, a, T0)));

        assertEquals(new PassTo(b), plan.accounts().get(account));
        assertEquals(new PassTo(c), plan.contacts().get(contact));
    }

    @Test
    void aContactThatStays_keepsItsAccount_whichPassesToTheContactsNewAttempt() {
        Plan plan = CompensationPlan.of(a.qualificationId(), List.of(contact), List.of(account),
                List.of(link(account, a, 0), link(contact, a, 0), link(contact, b, 10)),
                List.of(new ContactOnAccount(contact, account, a, T0)));

        assertEquals(new PassTo(b), plan.contacts().get(contact));
        assertEquals(new PassTo(b), plan.accounts().get(account));
    }

    @Test
    void aUsersContactOnTheAccount_keepsItForTheUsers() {
        UUID usersContact = UUID.randomUUID();
        Plan plan = CompensationPlan.of(a.qualificationId(), List.of(contact), List.of(account),
                List.of(link(account, a, 0), link(contact, a, 0)),
                List.of(new ContactOnAccount(contact, account, a, T0),
                        new ContactOnAccount(usersContact, account, null, T0.plusSeconds(5))));

        assertEquals(new Delete(), plan.contacts().get(contact));
        assertEquals(new PassToUsers(), plan.accounts().get(account));
    }

    @Test
    void anotherAttemptsContactOnTheAccount_winsOverAUsersContact() {
        UUID usersContact = UUID.randomUUID();
        UUID contactOfB = UUID.randomUUID();
        Plan plan = CompensationPlan.of(a.qualificationId(), List.of(), List.of(account),
                List.of(link(account, a, 0)),
                List.of(new ContactOnAccount(usersContact, account, null, T0),
                        new ContactOnAccount(contactOfB, account, b, T0.plusSeconds(5))));

        assertEquals(new PassTo(b), plan.accounts().get(account));
    }

    @Test
    void theUndoneAttemptsOwnLinksCountForNothing() {
        Plan plan = CompensationPlan.of(a.qualificationId(), List.of(), List.of(account),
                List.of(link(account, a, 0), link(account, a, 1)), List.of());

        assertEquals(new Delete(), plan.accounts().get(account));
    }

    @Test
    void contactsComeBeforeAccountsAndKeepTheirOrder() {
        UUID second = UUID.randomUUID();
        Plan plan = CompensationPlan.of(a.qualificationId(), List.of(contact, second), List.of(account), List.of(), List.of());

        assertEquals(List.of(contact, second), List.copyOf(plan.contacts().keySet()));
        assertEquals(List.of(account), List.copyOf(plan.accounts().keySet()));
    }

    private static Attempt attempt() {
        return new Attempt(UUID.randomUUID(), UUID.randomUUID());
    }

    private static Link link(UUID record, Attempt by, int seconds) {
        return new Link(record, by, T0.plusSeconds(seconds));
    }
}
