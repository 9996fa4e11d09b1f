package com.acme.crm.lead.attachments;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.qualification.CreateOpportunity;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.BOB;
import static com.acme.crm.lead.support.Api.CAROL;
import static com.acme.crm.lead.support.LeadEventsTopic.header;
import static com.acme.crm.lead.support.LeadEventsTopic.is;
import static com.acme.crm.lead.support.LeadEventsTopic.readUntil;
import static com.acme.crm.lead.support.LeadEventsTopic.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §10 attachments, against the real database and broker: streamed uploads and downloads, limits, access, events. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AttachmentsTest {

    static final long MAX = 25L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    static String attachments(String lead) {
        return "/api/leads/" + lead + "/attachments";
    }

    private long chunkRows(String attachment) {
        return pool.preparedQuery("select count(*) from lead_attachment_chunk where attachment_id = $1")
                .execute(Tuple.of(UUID.fromString(attachment))).await().indefinitely().iterator().next().getLong(0);
    }

    private long attachmentRowsOf(String lead) {
        return pool.preparedQuery("select count(*) from lead_attachment where lead_id = $1")
                .execute(Tuple.of(UUID.fromString(lead))).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aFileOfTheLargestSizeGoesUpAndComesBackByteIdenticalWholeAndInRanges() throws Exception {
        String lead = ALICE.createLead();
        Path file = Uploads.randomFile(MAX, 1);
        String sha = Uploads.sha256(file);

        HttpResponse<String> created = Uploads.upload("alice", "salesperson", lead, file, "Q4 offer – Preisübersicht.pdf", "application/pdf");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode view = JSON.readTree(created.body());
        String id = view.get("id").asText();
        assertEquals(attachments(lead) + "/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals("Q4 offer – Preisübersicht.pdf", view.get("fileName").asText());
        assertEquals("application/pdf", view.get("mediaType").asText());
        assertEquals(MAX, view.get("size").asLong());
        assertEquals(sha, view.get("sha256").asText());
        assertEquals("alice", view.get("uploadedBy").asText());
        assertEquals("from the test", view.get("note").asText());
        assertEquals(100, chunkRows(id)); // 256 KiB chunks

        HttpResponse<Path> whole = Uploads.download("alice", "salesperson", attachments(lead) + "/" + id, null);
        assertEquals(200, whole.statusCode());
        assertEquals(MAX, Files.size(whole.body()), () -> whole.headers().map().toString());
        assertArrayEquals(slice(file, 0, 100), slice(whole.body(), 0, 100), "the first bytes");
        assertEquals(sha, Uploads.sha256(whole.body()));
        assertEquals("application/pdf", whole.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("\"" + sha + "\"", whole.headers().firstValue("ETag").orElseThrow());
        assertEquals("nosniff", whole.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("attachment; filename=\"Q4 offer _ Preis_bersicht.pdf\"; filename*=UTF-8''Q4%20offer%20%E2%80%93%20Preis%C3%BCbersicht.pdf",
                whole.headers().firstValue("Content-Disposition").orElseThrow());

        // a range across the boundary of the first two chunks, the last bytes, and beyond the end (through rest-assured: contract-checked)
        byte[] part = ALICE.call().header("Range", "bytes=262000-263999").get(attachments(lead) + "/" + id)
                .then().statusCode(206).header("Content-Range", "bytes 262000-263999/" + MAX).header("ETag", "\"" + sha + "\"")
                .extract().asByteArray();
        assertArrayEquals(slice(file, 262000, 2000), part);
        byte[] suffix = ALICE.call().header("Range", "bytes=-10").get(attachments(lead) + "/" + id)
                .then().statusCode(206).extract().asByteArray();
        assertArrayEquals(slice(file, MAX - 10, 10), suffix);
        ALICE.call().header("Range", "bytes=" + MAX + "-").get(attachments(lead) + "/" + id)
                .then().statusCode(416).contentType("application/problem+json").body("extensions.size", equalTo((int) MAX));
        ALICE.call().header("If-None-Match", "\"" + sha + "\"").get(attachments(lead) + "/" + id).then().statusCode(304);

        // a manager sees it too; the list shows the metadata newest first
        Path small = Uploads.randomFile(10, 2);
        String second = JSON.readTree(Uploads.upload("carol", "sales-manager", lead, small, "b.txt", null).body()).get("id").asText();
        CAROL.call().get(attachments(lead)).then().statusCode(200)
                .body("id", equalTo(List.of(second, id))).body("[0].mediaType", equalTo("application/octet-stream"))
                .body("[0].uploadedBy", equalTo("carol"));
        CAROL.call().get(attachments(lead) + "/" + second).then().statusCode(200).contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"b.txt\"; filename*=UTF-8''b.txt");

        // the timeline shows each file at its upload, in an attachment member
        ALICE.call().get("/api/leads/" + lead + "/timeline").then().statusCode(200)
                .body("items.kind", equalTo(List.of("ATTACHMENT", "ATTACHMENT", "HISTORY")))
                .body("items[0].attachment.id", equalTo(second)).body("items[0].actor", equalTo("carol"))
                .body("items[1].attachment.sha256", equalTo(sha)).body("items[1].attachment.size", equalTo((int) MAX))
                .body("items[1].change", equalTo(null));

        // deleting one removes its bytes and its timeline item; history, timeline and events say so
        ALICE.call().delete(attachments(lead) + "/" + second).then().statusCode(204);
        assertEquals(0, chunkRows(second));
        ALICE.call().get(attachments(lead) + "/" + second).then().statusCode(404);
        ALICE.call().delete(attachments(lead) + "/" + second).then().statusCode(404);
        ALICE.call().get("/api/leads/" + lead + "/timeline").then().statusCode(200)
                .body("items.kind", equalTo(List.of("HISTORY", "ATTACHMENT", "HISTORY")))
                .body("items[0].change.action", equalTo("ATTACHMENT_REMOVED")).body("items[2].change.action", equalTo("CREATED"))
                .body("items[1].attachment.id", equalTo(id));
        ALICE.call().get("/api/leads/" + lead + "/history").then().statusCode(200)
                .body("action", org.hamcrest.Matchers.hasItems("ATTACHMENT_ADDED", "ATTACHMENT_REMOVED"));
        List<ConsumerRecord<String, String>> events = withKey(readUntil(is(lead, PublicEvents.LEAD_ATTACHMENT_REMOVED),
                Duration.ofSeconds(20), Duration.ofMillis(500)), lead);
        assertEquals(List.of(PublicEvents.LEAD_CREATED, PublicEvents.LEAD_ATTACHMENT_ADDED, PublicEvents.LEAD_ATTACHMENT_ADDED,
                PublicEvents.LEAD_ATTACHMENT_REMOVED), events.stream().map(e -> header(e, "ce_type")).toList());
        JsonNode added = JSON.readTree(events.get(1).value());
        assertEquals(sha, added.get("sha256").asText());
        assertEquals(MAX, added.get("size").asLong());
        assertEquals("from the test", added.get("note").asText());
        JsonNode removed = JSON.readTree(events.get(3).value());
        assertEquals(second, removed.get("id").asText());
        assertEquals("b.txt", removed.get("fileName").asText());

        // disqualify and reactivate keep the file; deleting the lead removes its bytes
        ALICE.call().body(Map.of("reason", "LOST")).post("/api/leads/" + lead + "/disqualify").then().statusCode(200);
        ALICE.call().post("/api/leads/" + lead + "/reactivate").then().statusCode(200);
        ALICE.call().get(attachments(lead)).then().statusCode(200).body("id", equalTo(List.of(id)));
        ALICE.call().delete("/api/leads/" + lead).then().statusCode(204);
        assertEquals(0, chunkRows(id));
        assertEquals(0, attachmentRowsOf(lead));
    }

    @Test
    void aLargerFileIs413AndNothingIsStored() throws Exception {
        String lead = ALICE.createLead();
        // just over the limit: the body fits the route's body limit, the service refuses the file
        HttpResponse<String> justOver = Uploads.upload("alice", "salesperson", lead, Uploads.randomFile(MAX + 1, 3), "big.bin", null);
        assertEquals(413, justOver.statusCode(), justOver.body());
        assertEquals("application/problem+json", justOver.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(justOver.body().contains("file-too-large"), justOver.body());
        // far over: refused before the body is read
        HttpResponse<String> farOver = Uploads.upload("alice", "salesperson", lead, Uploads.randomFile(30L * 1024 * 1024, 4), "huge.bin", null);
        assertEquals(413, farOver.statusCode(), farOver.body());
        assertTrue(farOver.body().contains("body-too-large"), farOver.body());
        assertEquals(0, attachmentRowsOf(lead));
        ALICE.call().get(attachments(lead)).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aLeadWithTheMostFilesRefusesAnotherWith409AndStoresNothing() throws Exception {
        String lead = ALICE.createLead();
        // the files the lead already has, written directly: what counts is the number of rows
        pool.preparedQuery("insert into lead_attachment (id, lead_id, file_name, media_type, size, sha256, version, created_at,"
                        + " created_by, modified_at, modified_by) select gen_random_uuid(), $1, 'f' || n || '.txt', 'text/plain', 1,"
                        + " repeat('0', 64), 0, now(), 'alice', now(), 'alice' from generate_series(1, $2) n")
                .execute(Tuple.of(UUID.fromString(lead), CreateOpportunity.MAX_ATTACHMENTS)).await().indefinitely();

        Uploads.upload(ALICE, lead, new byte[] {1, 2, 3}, "one-more.txt", "text/plain").then().statusCode(409)
                .contentType("application/problem+json").body("extensions.maxAttachments", equalTo(CreateOpportunity.MAX_ATTACHMENTS));
        assertEquals(CreateOpportunity.MAX_ATTACHMENTS, attachmentRowsOf(lead));
        assertEquals(0, pool.preparedQuery("select count(*) from lead_attachment_chunk where lead_id = $1")
                .execute(Tuple.of(UUID.fromString(lead))).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void badNamesAndEmptyFilesAre400AndNothingIsStored() throws Exception {
        String lead = ALICE.createLead();
        byte[] some = Files.readAllBytes(Uploads.randomFile(100, 5));
        for (String name : List.of("../etc/passwd", "dir/a.txt", "C:\\x.txt", "bell\u0007.txt", "..")) {
            Uploads.upload(ALICE, lead, some, name, "text/plain").then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("file"));
        }
        Uploads.upload(ALICE, lead, new byte[0], "empty.txt", "text/plain").then().statusCode(400)
                .body("violations[0].message", equalTo("the file is empty"));
        for (String name : java.util.Arrays.asList(null, "")) { // no file name, an empty one
            Uploads.upload(ALICE, lead, some, name, "text/plain").then().statusCode(400).contentType("application/problem+json");
        }
        Uploads.upload(ALICE, lead, some, "a.txt", "not a type").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, attachmentRowsOf(lead));
    }

    @Test
    void anotherSalespersonsLeadAnswers404Everywhere() throws Exception {
        String lead = ALICE.createLead();
        byte[] some = Files.readAllBytes(Uploads.randomFile(100, 7));
        var created = Uploads.upload(ALICE, lead, some, "a.txt", "text/plain").then().statusCode(201)
                .body("fileName", equalTo("a.txt")).body("mediaType", equalTo("text/plain")).body("size", equalTo(100))
                .extract();
        String id = created.path("id");
        assertEquals(attachments(lead) + "/" + id, created.header("Location"));
        Uploads.upload(BOB, lead, some, "b.txt", "text/plain").then().statusCode(404).contentType("application/problem+json");
        BOB.call().get(attachments(lead)).then().statusCode(404).contentType("application/problem+json");
        BOB.call().get(attachments(lead) + "/" + id).then().statusCode(404).contentType("application/problem+json");
        BOB.call().delete(attachments(lead) + "/" + id).then().statusCode(404);
        // the attachment through another lead of its owner, and an unknown one
        String other = ALICE.createLead();
        ALICE.call().get(attachments(other) + "/" + id).then().statusCode(404);
        ALICE.call().delete(attachments(other) + "/" + id).then().statusCode(404);
        ALICE.call().get(attachments(lead) + "/" + UUID.randomUUID()).then().statusCode(404);
        given().get(attachments(lead)).then().statusCode(401);
        assertEquals(1, attachmentRowsOf(lead));
        assertEquals(1, chunkRows(id));
    }

    private static byte[] slice(Path file, long from, int length) throws Exception {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[length];
            in.seek(from);
            in.readFully(bytes);
            return bytes;
        }
    }
}
