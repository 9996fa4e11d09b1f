package com.acme.crm.lead.attachments;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.file.AsyncFile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * An attachment's bytes in {@code lead_attachment_chunk} rows of {@link #CHUNK} bytes: written from
 * the spooled upload one chunk at a time (the SHA-256 computed on the way), read back one chunk at a
 * time as the client takes them. So at most a chunk or two of a file is ever in memory.
 */
@ApplicationScoped
public class AttachmentChunks {

    /** Large enough that a 25 MB file is 100 rows, small enough that 20 uploads at once hold a few MB. */
    static final int CHUNK = 256 * 1024;

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;

    /** Copies {@code file} into chunk rows of {@code attachmentId}. Joins the caller's transaction. */
    public Uni<StoredBytes> store(UUID attachmentId, Path file) {
        MessageDigest digest = sha256();
        return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                .chain(source -> copy(source, attachmentId, 0, 0, digest)
                        .eventually(source::close))
                .map(size -> new StoredBytes(size, HexFormat.of().formatHex(digest.digest())));
    }

    private Uni<Long> copy(AsyncFile source, UUID attachmentId, int seq, long position, MessageDigest digest) {
        return source.read(Buffer.buffer(CHUNK), 0, position, CHUNK).chain(chunk -> {
            if (chunk.length() == 0) {
                return Uni.createFrom().item(position);
            }
            byte[] bytes = chunk.getBytes();
            digest.update(bytes);
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "insert into lead_attachment_chunk (attachment_id, seq, data) values (:id, :seq, :data)")
                            .setParameter("id", attachmentId).setParameter("seq", seq).setParameter("data", bytes)
                            .executeUpdate())
                    .chain(() -> copy(source, attachmentId, seq + 1, position + bytes.length, digest));
        });
    }

    /** The bytes of {@code range}, chunk by chunk, each read when the client wants the next one. */
    public Multi<io.vertx.core.buffer.Buffer> read(UUID attachmentId, ByteRange range) {
        long firstSeq = range.first() / CHUNK;
        long lastSeq = range.last() / CHUNK;
        return Multi.createFrom().range((int) firstSeq, (int) lastSeq + 1).onItem().transformToUniAndConcatenate(seq -> {
            long chunkStart = (long) seq * CHUNK;
            long from = Math.max(range.first(), chunkStart) - chunkStart; // 0-based within the chunk
            long to = Math.min(range.last(), chunkStart + CHUNK - 1) - chunkStart;
            return pool.preparedQuery("select substring(data from $3 for $4) from lead_attachment_chunk"
                            + " where attachment_id = $1 and seq = $2")
                    .execute(Tuple.of(attachmentId, seq, (int) from + 1, (int) (to - from + 1)))
                    .map(rows -> {
                        if (rows.size() == 0) {
                            throw new IllegalStateException("chunk " + seq + " of attachment " + attachmentId + " is missing");
                        }
                        return rows.iterator().next().getBuffer(0).getDelegate();
                    });
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
