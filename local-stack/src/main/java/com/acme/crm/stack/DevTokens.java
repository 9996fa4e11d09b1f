package com.acme.crm.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Development identities: an RSA key pair kept under the stack's folder (the services verify with its public key) and
 * RS256 tokens for four demo users, written to an env file so a shell can {@code source} them.
 */
public final class DevTokens {

    public static final String ISSUER = "https://crm.acme.example";
    private static final Duration VALIDITY = Duration.ofDays(30);

    /** A demo user and the single role they hold. */
    public record DevUser(String name, String role) {
        public String variableName() {
            return name.toUpperCase(Locale.ROOT) + "_TOKEN";
        }
    }

    /** A signed token for one user. */
    public record IssuedToken(DevUser user, String token) {
    }

    public static final List<DevUser> USERS = List.of(
            new DevUser("alice", "salesperson"),
            new DevUser("bob", "salesperson"),
            new DevUser("carol", "sales-manager"),
            new DevUser("dave", "admin"));

    private final Path keyDir;
    private final Path tokensFile;

    public DevTokens(Path keyDir, Path tokensFile) {
        this.keyDir = keyDir;
        this.tokensFile = tokensFile;
    }

    public Path publicKeyFile() {
        return keyDir.resolve("publicKey.pem");
    }

    public Path privateKeyFile() {
        return keyDir.resolve("privateKey.pem");
    }

    public Path tokensFile() {
        return tokensFile;
    }

    /** Reuses the key pair if present (tokens already handed out stay valid), mints fresh tokens, writes the file. */
    public List<IssuedToken> issue() throws IOException, GeneralSecurityException {
        PrivateKey privateKey = ensureKeyPair();
        Instant expiry = Instant.now().plus(VALIDITY);
        List<IssuedToken> tokens = new ArrayList<>();
        for (DevUser user : USERS) {
            String token = Jwt.issuer(ISSUER)
                    .subject(user.name())
                    .upn(user.name())
                    .groups(Set.of(user.role()))
                    .expiresAt(expiry)
                    .jws()
                    .sign(privateKey);
            tokens.add(new IssuedToken(user, token));
        }
        writeTokensFile(tokens, expiry);
        return tokens;
    }

    private PrivateKey ensureKeyPair() throws IOException, GeneralSecurityException {
        Files.createDirectories(keyDir);
        if (Files.exists(privateKeyFile()) && Files.exists(publicKeyFile())) {
            return readPrivateKey();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(privateKeyFile(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(publicKeyFile(), pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        return pair.getPrivate();
    }

    private PrivateKey readPrivateKey() throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyFile())));
    }

    public PublicKey readPublicKey() throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(publicKeyFile())));
    }

    private static byte[] der(Path pemFile) throws IOException {
        String base64 = Files.readString(pemFile, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private void writeTokensFile(List<IssuedToken> tokens, Instant expiry) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# Development bearer tokens for the local stack (RS256, issuer ").append(ISSUER)
                .append(", valid until ").append(expiry).append(").\n")
                .append("# Load them into a shell with:  set -a; . ").append(tokensFile.toAbsolutePath()).append("; set +a\n")
                .append("# then: curl -H \"Authorization: Bearer $ALICE_TOKEN\" http://localhost:8080/api/leads\n");
        for (IssuedToken issued : tokens) {
            text.append("# ").append(issued.user().name()).append(": ").append(issued.user().role()).append('\n')
                    .append(issued.user().variableName()).append('=').append(issued.token()).append('\n');
        }
        Files.createDirectories(tokensFile.toAbsolutePath().getParent());
        Files.writeString(tokensFile, text, StandardCharsets.UTF_8);
    }
}
