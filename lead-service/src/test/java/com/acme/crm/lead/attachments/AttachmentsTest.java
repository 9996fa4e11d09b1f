package com.acme.crm.lead.attachments;

import com.acme.crm.contracts.PublicEvents;
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

        // a range across the boundary of the first two chunks
        HttpResponse<Path> part = Uploads.download("alice", "salesperson", attachments(lead) + "/" + id, "bytes=262000-263999");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 262000-263999/" + MAX, part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(slice(file, 262000, 2000), Files.readAllBytes(part.body()));
        HttpResponse<Path> suffix = Uploads.download("alice", "salesperson", attachments(lead) + "/" + id, "bytes=-10");
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(slice(file, MAX - 10, 10), Files.readAllBytes(suffix.body()));
        HttpResponse<Path> beyond = Uploads.download("alice", "salesperson", attachments(lead) + "/" + id, "bytes=" + MAX + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("application/problem+json", beyond.headers().firstValue("Content-Type").orElseThrow());

        // a manager sees it too; the list shows the metadata newest first
        Path small = Uploads.randomFile(10, 2);
        String second = JSON.readTree(Uploads.upload("carol", "sales-manager", lead, small, "b.txt", null).body()).get("id").asText();
        CAROL.call().get(attachments(lead)).then().statusCode(200)
                .body("id", equalTo(List.of(second, id))).body("[0].mediaType", equalTo("application/octet-stream"))
                .body("[0].uploadedBy", equalTo("carol"));
        CAROL.call().get(attachments(lead) + "/" + second).then().statusCode(200).contentType("application/octet-stream");

        // deleting one removes its bytes; history, timeline and events say so
        ALICE.call().delete(attachments(lead) + "/" + second).then().statusCode(204);
        assertEquals(0, chunkRows(second));
        ALICE.call().get(attachments(lead) + "/" + second).then().statusCode(404);
        ALICE.call().delete(attachments(lead) + "/" + second).then().statusCode(404);
        ALICE.call().get("/api/leads/" + lead + "/timeline").then().statusCode(200)
                .body("items.kind", equalTo(List.of("ATTACHMENT", "ATTACHMENT", "ATTACHMENT", "HISTORY")))
                .body("items.change.action", equalTo(List.of("ATTACHMENT_REMOVED", "ATTACHMENT_ADDED", "ATTACHMENT_ADDED", "CREATED")));
        List<ConsumerRecord<String, String>> events = withKey(readUntil(is(lead, PublicEvents.LEAD_ATTACHMENT_REMOVED),
                Duration.ofSeconds(20), Duration.ofMillis(500)), lead);
        assertEquals(List.of(PublicEvents.LEAD_CREATED, PublicEvents.LEAD_ATTACHMENT_ADDED, PublicEvents.LEAD_ATTACHMENT_ADDED,
                PublicEvents.LEAD_ATTACHMENT_REMOVED), events.stream().map(e -> header(e, "ce_type")).toList());
        JsonNode added = JSON.readTree(events.get(1).value());
        assertEquals(sha, added.get("sha256").asText());
        assertEquals(MAX, added.get("size").asLong());

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
    void badNamesAndEmptyFilesAre400AndNothingIsStored() throws Exception {
        String lead = ALICE.createLead();
        Path some = Uploads.randomFile(100, 5);
        for (String name : List.of("../etc/passwd", "dir/a.txt", "C:\\\\x.txt", "bell\u0007.txt", "", "..")) {
            HttpResponse<String> answer = Uploads.upload("alice", "salesperson", lead, some, name, "text/plain");
            assertEquals(400, answer.statusCode(), name + ": " + answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElseThrow());
        }
        assertEquals(400, Uploads.upload("alice", "salesperson", lead, some, null, "text/plain").statusCode()); // no file name
        assertEquals(400, Uploads.upload("alice", "salesperson", lead, Uploads.randomFile(0, 6), "empty.txt", null).statusCode());
        assertEquals(400, Uploads.upload("alice", "salesperson", lead, some, "a.txt", "not a type").statusCode());
        assertEquals(0, attachmentRowsOf(lead));
    }

    @Test
    void anotherSalespersonsLeadAnswers404Everywhere() throws Exception {
        String lead = ALICE.createLead();
        Path some = Uploads.randomFile(100, 7);
        String id = JSON.readTree(Uploads.upload("alice", "salesperson", lead, some, "a.txt", null).body()).get("id").asText();
        assertEquals(404, Uploads.upload("bob", "salesperson", lead, some, "b.txt", null).statusCode());
        BOB.call().get(attachments(lead)).then().statusCode(404).contentType("application/problem+json");
        BOB.call().get(attachments(lead) + "/" + id).then().statusCode(404).contentType("application/problem+json");
        BOB.call().delete(attachments(lead) + "/" + id).then().statusCode(404);
        // the attachment through another lead of its owner, and an unknown one
        String other = ALICE.createLead();
        ALICE.call().get(attachments(other) + "/" + id).then().statusCode(404);
        ALICE.call().delete(attachments(other) + "/" + id).then().statusCode(404);
        ALICE.call().get(attachments(lead) + "/" + UUID.randomUUID()).then().statusCode(404);
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
