package com.acme.crm.account;

import com.acme.crm.account.qualification.AccountAndContactResolver;
import com.acme.crm.testinfra.Db;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.contracts.qualification.UndoAccountAndContact;
import com.acme.crm.testinfra.ConsumerLag;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC rule 9 on the real connector and database: compensating an attempt never removes or breaks
 * a record another attempt or a user relies on (it passes to them), and concurrent LINK_EXISTING
 * attempts for one company end with one account.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccountCompensationTest {

    private static final String MANAGER = TestTokens.token("carol", "sales-manager");

    @Inject
    ObjectMapper json;

    @Inject
    AccountAndContactResolver resolver;

    /** Five leads of one company; attempt A made its records, B–E and a user came to rely on them; then the undos. */
    @Test
    void acme_undoKeepsWhatOthersRelyOn_passesItOn_andRemovesTheRest() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String site = "https://www.acme-" + tag + ".example";
        Lead a = new Lead();
        JsonNode resolvedA = resolved(send(a.resolve(true, true, null, null, DuplicatePolicy.REPORT,
                prospect("Acme " + tag, site, "ada-" + tag + "@acme.example"))));
        String account = resolvedA.get("accountId").asText();
        String contactA = resolvedA.get("contactId").asText();

        // B: "Acme Inc", LINK_EXISTING: links the account, creates its own contact (another email)
        Lead b = new Lead();
        JsonNode resolvedB = resolved(send(b.resolve(true, true, null, null, DuplicatePolicy.LINK_EXISTING,
                prospect("Acme " + tag + " Inc", null, "bob-" + tag + "@acme.example"))));
        assertEquals(account, resolvedB.get("accountId").asText());
        String contactB = resolvedB.get("contactId").asText();
        // C: links the account by id (as after DUPLICATES_FOUND), creates a contact
        Lead c = new Lead();
        JsonNode resolvedC = resolved(send(c.resolve(true, true, UUID.fromString(account), null, DuplicatePolicy.REPORT,
                prospect("ACME " + tag + ", Inc.", null, "cy-" + tag + "@acme.example"))));
        String contactC = resolvedC.get("contactId").asText();
        // D: links A's account and A's contact by id
        Lead d = new Lead();
        resolved(send(d.resolve(true, true, UUID.fromString(account), UUID.fromString(contactA), DuplicatePolicy.REPORT,
                prospect("Acme " + tag, null, null))));
        // E: LINK_EXISTING through the website domain and A's contact through the email
        Lead e = new Lead();
        JsonNode resolvedE = resolved(send(e.resolve(true, true, null, null, DuplicatePolicy.LINK_EXISTING,
                prospect("Acme Holdings " + tag, site + "/contact", "ADA-" + tag + "@acme.example"))));
        assertEquals(account, resolvedE.get("accountId").asText());
        assertEquals(contactA, resolvedE.get("contactId").asText());
        // a user adds a contact to the account
        String usersContact = given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("lastName", "Userson", "accountId", account))
                .post("/api/contacts").then().statusCode(201).extract().path("id");

        undo(a);
        // nothing deleted: everything is relied on; both pass to B, who linked them first... except A's contact, which D linked first
        assertEquals(b.qualification + "|" + b.id, attribution("account", account));
        assertEquals(d.qualification + "|" + d.id, attribution("contact", contactA));
        assertEquals(4, Db.count("select count(*) from contact where account_id = '" + account + "'"));
        KafkaProbe.await(Topics.ACCOUNT_EVENTS, account, 1, KafkaProbe.ofType("crm.account.updated.v1"));
        KafkaProbe.await(Topics.ACCOUNT_EVENTS, contactA, 1, KafkaProbe.ofType("crm.contact.updated.v1"));

        undo(a); // a repeat (a new message id) changes nothing
        assertEquals(b.qualification + "|" + b.id, attribution("account", account));

        undo(b);
        // B's own contact goes; the account passes to C, the earliest other attempt linking it
        assertEquals(0, Db.count("select count(*) from contact where id = '" + contactB + "'"));
        assertEquals(c.qualification + "|" + c.id, attribution("account", account));

        undo(c);
        assertEquals(0, Db.count("select count(*) from contact where id = '" + contactC + "'"));
        assertEquals(d.qualification + "|" + d.id, attribution("account", account));
        undo(d);
        // D's contact (A's) was also linked by E: it passes to E
        assertEquals(e.qualification + "|" + e.id, attribution("contact", contactA));
        assertEquals(e.qualification + "|" + e.id, attribution("account", account));
        undo(e);
        // only the user's contact relies on the account now: it stays as the users' own record
        assertEquals(0, Db.count("select count(*) from contact where id = '" + contactA + "'"));
        assertEquals("null|null", attribution("account", account));
        assertEquals(List.of(usersContact), Db.rows("select id from contact where account_id = '" + account + "'"));
        assertEquals(0, Db.count("select count(*) from record_link where record_id = '" + account + "'"));
        // no record is attributed to an attempt that was undone
        assertEquals(0, Db.count("select (select count(*) from account a join undone_attempt u on u.qualification_id = a.created_by_qualification)"
                + " + (select count(*) from contact c join undone_attempt u on u.qualification_id = c.created_by_qualification)"));

        // a late resolve of an undone attempt is rejected, never carried out
        JsonNode late = reply(send(a.resolve(true, true, null, null, DuplicatePolicy.CREATE_NEW,
                prospect("Acme " + tag, site, null))), QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED);
        assertTrue(late.get("reason").asText().contains("already compensated"), late.toString());
    }

    @Test
    void aLinkAfterTheUndoThatRemovedTheRecord_isRejectedAtOnceWithAClearReason() throws Exception {
        Lead first = new Lead();
        String account = resolved(send(first.resolve(true, false, null, null, DuplicatePolicy.CREATE_NEW,
                prospect("Gone Soon " + first.id, null, null)))).get("accountId").asText();
        undo(first);
        assertEquals(0, Db.count("select count(*) from account where id = '" + account + "'"));

        Lead second = new Lead();
        JsonNode rejected = reply(send(second.resolve(true, true, UUID.fromString(account), null, DuplicatePolicy.REPORT,
                prospect("Gone Soon", null, null))), QualificationMessages.ACCOUNT_AND_CONTACT_REJECTED);
        assertTrue(rejected.get("reason").asText().contains("account " + account + " does not exist"), rejected.toString());
        assertEquals(0, Db.count("select count(*) from contact where originating_lead_id = '" + second.id + "'"));
    }

    @Test
    void fiveConcurrentLinkExistingAttemptsOfOneCompany_endWithOneAccountAndOneContact() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = List.of("Acme " + tag, "Acme " + tag + " Inc", "ACME " + tag + ", Inc.", "acme " + tag + " ltd", "Acme  " + tag);
        List<ResolveAccountAndContact> commands = new ArrayList<>();
        for (String name : names) {
            commands.add(new Lead().resolve(true, true, null, null, DuplicatePolicy.LINK_EXISTING,
                    prospect(name, null, "buyer-" + tag + "@acme.example")));
        }
        resolveConcurrently(commands);

        Set<String> accounts = commands.stream().map(cmd -> replyNow(cmd).get("accountId").asText()).collect(Collectors.toSet());
        Set<String> contacts = commands.stream().map(cmd -> replyNow(cmd).get("contactId").asText()).collect(Collectors.toSet());
        assertEquals(1, accounts.size(), "accounts " + accounts);
        assertEquals(1, contacts.size(), "contacts " + contacts);
        assertEquals(5, Db.count("select count(*) from record_link where record_id = '" + accounts.iterator().next() + "'"));
    }

    @Test
    void fiveConcurrentReportAttempts_oneCreatesTheOthersSeeDuplicates() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<ResolveAccountAndContact> commands = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            commands.add(new Lead().resolve(true, true, null, null, DuplicatePolicy.REPORT,
                    prospect(i % 2 == 0 ? "Report " + tag + " GmbH" : "report " + tag, null, null)));
        }
        resolveConcurrently(commands);

        List<String> types = commands.stream().map(cmd -> replyType(cmd)).sorted().toList();
        assertEquals(List.of(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name(),
                QualificationMessages.DUPLICATES_FOUND.name(), QualificationMessages.DUPLICATES_FOUND.name(),
                QualificationMessages.DUPLICATES_FOUND.name(), QualificationMessages.DUPLICATES_FOUND.name()).stream().sorted().toList(),
                types);
    }

    // ---- helpers

    /** One lead's attempt. */
    private static final class Lead {
        final UUID id = UUID.randomUUID();
        final UUID qualification = UUID.randomUUID();

        ResolveAccountAndContact resolve(boolean createAccount, boolean createContact, UUID existingAccount, UUID existingContact,
                                         DuplicatePolicy policy, ProspectDetails prospect) {
            return new ResolveAccountAndContact(qualification, id, "owner-1", createAccount, createContact, existingAccount,
                    existingContact, policy, prospect);
        }
    }

    /** Each command in a transaction of its own, all at once (one consumer would take them one by one). */
    private void resolveConcurrently(List<ResolveAccountAndContact> commands) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(commands.size());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (ResolveAccountAndContact command : commands) {
                Callable<Void> call = () -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> resolver.resolve(command, Lane.BULK)));
                    } catch (Throwable failure) {
                        throw new IllegalStateException(failure);
                    }
                };
                done.add(pool.submit(call));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ResolveAccountAndContact send(ResolveAccountAndContact command) throws Exception {
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, command.leadId().toString(),
                QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), json.writeValueAsString(command));
        return command;
    }

    private JsonNode resolved(ResolveAccountAndContact command) throws Exception {
        return reply(command, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED);
    }

    private JsonNode reply(ResolveAccountAndContact command, com.acme.crm.contracts.MessageType<?> type) throws Exception {
        var records = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, command.leadId().toString(), 1, KafkaProbe.ofType(type.name()));
        return json.readTree(records.get(0).value());
    }

    private JsonNode replyNow(ResolveAccountAndContact command) {
        try {
            return reply(command, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String replyType(ResolveAccountAndContact command) {
        var records = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, command.leadId().toString(), 1, r -> true);
        return KafkaProbe.header(records.get(0), "ce_type");
    }

    private void undo(Lead lead) throws Exception {
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.id.toString(), QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name(),
                json.writeValueAsString(new UndoAccountAndContact(lead.qualification, lead.id)));
        ConsumerLag.awaitNone("account-service", Topics.ACCOUNT_COMMANDS, Duration.ofSeconds(20));
    }

    /** "createdByQualification|originatingLeadId" of a record. */
    private static String attribution(String table, String id) {
        return Db.text("select coalesce(created_by_qualification::text, 'null') || '|' || coalesce(originating_lead_id::text, 'null')"
                + " from " + table + " where id = '" + id + "'");
    }

    private static ProspectDetails prospect(String company, String website, String email) {
        return new ProspectDetails(company, website, "Manufacturing", "Ada", "Lovelace", "Buyer", email,
                "+44 20 7946 0000", null, "1 Acme Way", "London", null, "EC1A 1AA", "GB");
    }
}
