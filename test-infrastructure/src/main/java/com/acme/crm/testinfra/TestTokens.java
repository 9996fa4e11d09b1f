package com.acme.crm.testinfra;

import io.smallrye.jwt.build.Jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * Real RS256 tokens for tests: a key pair made once per JVM, the public half handed to the
 * service under test, the private half used to sign. Security is never switched off in tests.
 */
public final class TestTokens {

    public static final String ISSUER = "https://crm.acme.example";
    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    /** A signed token for {@code user} (its {@code sub}) with the given roles in {@code groups}. */
    public static String token(String user, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(user)
                .upn(user)
                .groups(Set.of(roles))
                .expiresIn(3600)
                .jws()
                .sign(KEYS.getPrivate());
    }

    /** A token signed by a key the service does not trust. */
    public static String forgedToken(String user, String... roles) {
        return Jwt.issuer(ISSUER).subject(user).upn(user).groups(Set.of(roles)).expiresIn(3600)
                .jws().sign(generate().getPrivate());
    }

    public static String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }

    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
