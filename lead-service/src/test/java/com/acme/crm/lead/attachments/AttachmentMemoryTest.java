package com.acme.crm.lead.attachments;

import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.acme.crm.lead.support.Api.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §10: 20 uploads of 25 MB at once keep the service's heap bounded. The test runs in the
 * service's JVM and its client streams from one file on disk, so the live heap measured here is the
 * service's: measured after a full GC before, repeatedly while the uploads are in flight, and after.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AttachmentMemoryTest {

    private static final int UPLOADS = 20;
    /** "A few MB each" (SPEC §10); holding the files would be 500 MB. */
    private static final long BOUND = UPLOADS * 3L * 1024 * 1024;

    @Test
    void twentyConcurrentLargestUploadsKeepTheHeapBounded() throws Exception {
        String lead = ALICE.createLead();
        Path file = Uploads.randomFile(AttachmentsTest.MAX, 11);
        String sha = Uploads.sha256(file);
        Uploads.upload("alice", "salesperson", lead, Uploads.randomFile(1000, 12), "warm-up.bin", null); // load the classes first

        long before = liveHeap();
        ExecutorService threads = Executors.newFixedThreadPool(UPLOADS);
        List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            int n = i;
            uploads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Uploads.upload("alice", "salesperson", lead, file, "file-" + n + ".bin", null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new));
        long peak = before;
        while (!all.isDone()) {
            peak = Math.max(peak, liveHeap());
            try {
                all.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // measure again
            }
        }
        long after = liveHeap();
        threads.shutdown();

        for (CompletableFuture<HttpResponse<String>> upload : uploads) {
            assertEquals(201, upload.get().statusCode(), upload.get().body());
            assertTrue(upload.get().body().contains(sha), upload.get().body());
        }
        System.out.printf("live heap: before %d MB, peak while uploading %d MB, after %d MB%n",
                before >> 20, peak >> 20, after >> 20);
        assertTrue(peak - before < BOUND, "the live heap grew by " + ((peak - before) >> 20) + " MB while uploading");
        assertTrue(after - before < BOUND, "the live heap grew by " + ((after - before) >> 20) + " MB");
    }

    /** Heap in use after a full collection: what is alive now. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
