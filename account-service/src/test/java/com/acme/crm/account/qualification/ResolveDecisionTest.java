package com.acme.crm.account.qualification;

import com.acme.crm.account.RecordLimits;
import com.acme.crm.account.duplicates.DuplicateFinder.Matches;
import com.acme.crm.account.duplicates.DuplicateKeys;
import com.acme.crm.account.qualification.ResolveDecision.Create;
import com.acme.crm.account.qualification.ResolveDecision.Facts;
import com.acme.crm.account.qualification.ResolveDecision.Link;
import com.acme.crm.account.qualification.ResolveDecision.Nothing;
import com.acme.crm.account.qualification.ResolveDecision.Outcome;
import com.acme.crm.account.qualification.ResolveDecision.Proceed;
import com.acme.crm.account.qualification.ResolveDecision.Reject;
import com.acme.crm.account.qualification.ResolveDecision.ReportDuplicates;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given a command and what the database holds, when the step decides, then create, link, report or reject (plain JUnit). */
class ResolveDecisionTest {

    private static final Facts NOTHING_FOUND = new Facts(false, true, true, new Matches(List.of(), List.of()));
    private final UUID acme = UUID.randomUUID();
    private final UUID ada = UUID.randomUUID();
    private final Matches acmeAndAda = new Matches(List.of(new DuplicateMatch(acme, "Acme", "name")),
            List.of(new DuplicateMatch(ada, "Ada Lovelace", "email")));

    @Test
    void noDuplicates_createsBoth() {
        assertEquals(new Proceed(new Create(), new Create()), ResolveDecision.decide(command(DuplicatePolicy.REPORT), NOTHING_FOUND));
    }

    @Test
    void duplicatesUnderReport_areReported() {
        Outcome outcome = ResolveDecision.decide(command(DuplicatePolicy.REPORT), new Facts(false, true, true, acmeAndAda));
        assertEquals(new ReportDuplicates(acmeAndAda), outcome);
    }

    @Test
    void duplicatesUnderLinkExisting_areLinked() {
        Outcome outcome = ResolveDecision.decide(command(DuplicatePolicy.LINK_EXISTING), new Facts(false, true, true, acmeAndAda));
        assertEquals(new Proceed(new Link(acme), new Link(ada)), outcome);
    }

    @Test
    void duplicatesUnderCreateNew_areIgnored() {
        Outcome outcome = ResolveDecision.decide(command(DuplicatePolicy.CREATE_NEW), new Facts(false, true, true, acmeAndAda));
        assertEquals(new Proceed(new Create(), new Create()), outcome);
    }

    @Test
    void namedRecordsAreLinked_andNothingIsCreatedThatIsNotWanted() {
        UUID named = UUID.randomUUID();
        ResolveAccountAndContact command = new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "owner-1",
                true, false, named, null, DuplicatePolicy.REPORT, prospect("Acme", "Ada"));
        assertEquals(new Proceed(new Link(named), new Nothing()), ResolveDecision.decide(command, NOTHING_FOUND));
    }

    @Test
    void aNamedAccountThatIsGone_isRejectedWithAClearReason() {
        UUID gone = UUID.randomUUID();
        ResolveAccountAndContact command = new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "owner-1",
                true, true, gone, null, DuplicatePolicy.REPORT, prospect("Acme", "Ada"));
        Reject reject = assertInstanceOf(Reject.class, ResolveDecision.decide(command, new Facts(false, false, true, null)));
        assertTrue(reject.reason().contains("account " + gone + " does not exist"), reject.reason());
    }

    @Test
    void anAttemptAlreadyCompensated_isRejected() {
        Reject reject = assertInstanceOf(Reject.class, ResolveDecision.decide(command(DuplicatePolicy.REPORT),
                new Facts(true, true, true, null)));
        assertTrue(reject.reason().contains("already compensated"), reject.reason());
    }

    @Test
    void valuesBeyondTheColumns_areRejectedNamingTheField() {
        ResolveAccountAndContact command = new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "owner-1",
                true, true, null, null, DuplicatePolicy.REPORT, prospect("a".repeat(RecordLimits.ACCOUNT_NAME + 1), "Ada"));
        Reject reject = assertInstanceOf(Reject.class, ResolveDecision.decide(command, NOTHING_FOUND));
        assertEquals("account name too long: 251 characters (at most 250)", reject.reason());
    }

    @Test
    void lengthsCountCharactersAsTheColumnsDo_notUtf16Units() {
        String emoji = "😀".repeat(RecordLimits.ACCOUNT_NAME); // 500 UTF-16 units, 250 characters
        ResolveAccountAndContact command = new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "owner-1",
                true, true, null, null, DuplicatePolicy.REPORT, prospect(emoji, "Ada"));
        assertEquals(new Proceed(new Create(), new Create()), ResolveDecision.decide(command, NOTHING_FOUND));
    }

    @Test
    void anAccountWithoutCompany_isNamedAfterThePerson() {
        assertEquals("Ada Lovelace", ResolveDecision.accountName(prospect(null, "Ada")));
        assertEquals("Lovelace", ResolveDecision.accountName(prospect(" ", null)));
    }

    @Test
    void duplicateKeysCoverWhatIsCreated_sortedForLockOrder() {
        List<String> keys = ResolveDecision.duplicateKeys(DuplicateKeys.of(command(DuplicatePolicy.LINK_EXISTING)));
        assertEquals(List.of("account-domain:acme.example", "account-name:acme", "contact-email:ada@acme.example"), keys);
        ResolveAccountAndContact linking = new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "owner-1",
                true, true, UUID.randomUUID(), null, DuplicatePolicy.REPORT, prospect("Acme Inc", "Ada"));
        assertEquals(List.of("contact-email:ada@acme.example"), ResolveDecision.duplicateKeys(DuplicateKeys.of(linking)));
        assertEquals(AccountAndContactResolver.advisoryKeys(keys).stream().sorted().toList(), AccountAndContactResolver.advisoryKeys(keys));
    }

    private static ResolveAccountAndContact command(DuplicatePolicy policy) {
        return new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "owner-1", true, true, null, null, policy,
                prospect("ACME, Inc.", "Ada"));
    }

    private static ProspectDetails prospect(String company, String firstName) {
        return new ProspectDetails(company, "https://www.acme.example", null, firstName, "Lovelace", null, "Ada@Acme.example",
                null, null, null, null, null, null, null);
    }
}
