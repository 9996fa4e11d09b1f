package com.acme.crm.lead.attachments;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.TestTokens;
import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/**
 * Multipart uploads and downloads streamed from and to files with the JDK's HTTP client, so the test
 * (which shares the service's JVM) never holds a large file in memory either; small ones through
 * rest-assured, whose every call the OpenAPI contract filter checks.
 */
public final class Uploads {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Uploads() {
    }

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** A file of {@code size} pseudo-random bytes, written in 64 KiB pieces. */
    static Path randomFile(long size, long seed) throws IOException {
        Path file = Files.createTempFile("upload", ".bin");
        file.toFile().deleteOnExit();
        Random random = new Random(seed);
        byte[] piece = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= piece.length) {
                random.nextBytes(piece);
                out.write(piece, 0, (int) Math.min(piece.length, left));
            }
        }
        return file;
    }

    /** POSTs a multipart body with part {@code file} ({@code fileName} raw in the part header; null: no filename). */
    static HttpResponse<String> upload(String user, String role, String lead, Path file, String fileName, String mediaType)
            throws IOException, InterruptedException {
        String boundary = "b" + UUID.randomUUID();
        String head = head(boundary, fileName, mediaType);
        String tail = tail(boundary);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/leads/" + lead + "/attachments"))
                .header("Authorization", TestTokens.bearer(user, role))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
                        HttpRequest.BodyPublishers.ofFile(file),
                        HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A small upload through rest-assured, so that the OpenAPI contract filter checks request and answer:
     * the same multipart body as {@link #upload(String, String, String, Path, String, String)} (rest-assured's
     * own multipart parts are not a body the filter's validator sees, and it would refuse bad file names).
     */
    public static io.restassured.response.Response upload(Api.User user, String lead, byte[] bytes, String fileName, String mediaType) {
        String boundary = "b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(head(boundary, fileName, mediaType).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(tail(boundary).getBytes(StandardCharsets.UTF_8));
        return RestAssured.given().header("Authorization", TestTokens.bearer(user.name(), user.role()))
                .contentType("multipart/form-data; boundary=" + boundary).body(body.toByteArray())
                .post("/api/leads/" + lead + "/attachments");
    }

    private static String head(String boundary, String fileName, String mediaType) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (mediaType == null ? "" : "Content-Type: " + mediaType + "\r\n") + "\r\n";
    }

    private static String tail(String boundary) {
        return "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nfrom the test\r\n--"
                + boundary + "--\r\n";
    }

    static HttpResponse<Path> download(String user, String role, String path, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", TestTokens.bearer(user, role)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        Path target = Files.createTempFile("download", ".bin");
        target.toFile().deleteOnExit();
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofFile(target));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] piece = new byte[64 * 1024];
            for (int n; (n = in.read(piece)) > 0; ) {
                digest.update(piece, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
