package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.qualification.AttachmentRef;
import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.contracts.qualification.StakeholderRef;
import com.acme.crm.lead.decisions.OpportunityContent;
import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.SqlStatements;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The content a lead's opportunity gets (notes, stakeholders, files' metadata), several leads' in one statement:
 * each lead's own rows, each kind oldest first (by id at the same time), every field as stored.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpportunityContentsTest {

    private static final Instant T1 = Instant.parse("2026-01-05T10:00:00.123456Z");
    private static final Instant T2 = Instant.parse("2026-01-06T10:00:00Z");

    @Test
    void eachLeadsNotesStakeholdersAndFiles_oldestFirst_inOneStatement() throws Throwable {
        UUID one = UUID.fromString(Api.ALICE.createLead());
        UUID two = UUID.fromString(Api.ALICE.createLead());
        UUID bare = UUID.fromString(Api.ALICE.createLead());
        // written newest first, and two at the same time whose ids decide
        UUID sameTimeLow = UUID.fromString("00000000" + UUID.randomUUID().toString().substring(8));
        UUID sameTimeHigh = UUID.fromString("ffffffff" + UUID.randomUUID().toString().substring(8));
        note(UUID.randomUUID(), one, "later", "bob", T2);
        note(sameTimeHigh, one, "first at T1, higher id", "alice", T1);
        note(sameTimeLow, one, "first at T1, lower id", "carol", T1);
        note(UUID.randomUUID(), two, "the other lead's", "alice", T1);
        UUID buyer = UUID.randomUUID();
        UUID maker = UUID.randomUUID();
        stakeholder(one, maker, "DECISION_MAKER", T2);
        stakeholder(one, buyer, "TECHNICAL_BUYER", T1);
        UUID offer = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        String sha = "a".repeat(64);
        attachment(contract, two, "contract.pdf", "application/pdf", 2048, sha, T2);
        attachment(offer, two, "Angebot – signed.pdf", "application/pdf", 17, "b".repeat(64), T1);

        SqlStatements sql = SqlStatements.record();
        Map<UUID, OpportunityContent> content = VertxContextSupport.subscribeAndAwait(() ->
                Panache.withSession(() -> OpportunityContents.of(List.of(one, two, bare))));
        sql.close();

        assertEquals(new OpportunityContent(List.of(new CopiedNote("first at T1, lower id", "carol", T1),
                        new CopiedNote("first at T1, higher id", "alice", T1), new CopiedNote("later", "bob", T2)),
                List.of(new StakeholderRef(buyer, "TECHNICAL_BUYER"), new StakeholderRef(maker, "DECISION_MAKER")),
                List.of()), content.get(one));
        assertEquals(new OpportunityContent(List.of(new CopiedNote("the other lead's", "alice", T1)), List.of(),
                List.of(new AttachmentRef(offer, "Angebot – signed.pdf", "application/pdf", 17, "b".repeat(64)),
                        new AttachmentRef(contract, "contract.pdf", "application/pdf", 2048, sha))), content.get(two));
        assertEquals(OpportunityContent.NONE, content.get(bare));
        assertEquals(List.of(one, two, bare), List.copyOf(content.keySet()));
        assertEquals(1, sql.all().stream().filter(s -> s.contains("from lead_note") || s.contains("from lead_stakeholder")
                || s.contains("from lead_attachment")).count(), "one statement for the three tables: " + sql.all());
    }

    private static void note(UUID id, UUID lead, String text, String author, Instant at) {
        Db.execute("insert into lead_note (id, lead_id, text, author, created_at) values ('" + id + "', '" + lead + "', '"
                + text.replace("'", "''") + "', '" + author + "', '" + at + "')");
    }

    private static void stakeholder(UUID lead, UUID contact, String role, Instant at) {
        Db.execute("insert into lead_stakeholder (id, lead_id, contact_id, role, version, created_at, created_by, modified_at,"
                + " modified_by) values ('" + UUID.randomUUID() + "', '" + lead + "', '" + contact + "', '" + role + "', 0, '"
                + at + "', 'alice', '" + at + "', 'alice')");
    }

    private static void attachment(UUID id, UUID lead, String name, String type, long size, String sha256, Instant at) {
        Db.execute("insert into lead_attachment (id, lead_id, file_name, media_type, size, sha256, version, created_at,"
                + " created_by, modified_at, modified_by) values ('" + id + "', '" + lead + "', '" + name + "', '" + type
                + "', " + size + ", '" + sha256 + "', 0, '" + at + "', 'alice', '" + at + "', 'alice')");
    }
}
