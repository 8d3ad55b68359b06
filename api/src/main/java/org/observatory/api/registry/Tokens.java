package org.observatory.api.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bearer tokens: {@code <account-id>.<secret>}, the secret 256 random bits in base64url. The account id lets the
 * registry find the account; the whole token's SHA-256 is what it stores and compares in constant time.
 */
final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Tokens() {}

    static String newAccountId() {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        return "acct-" + HEX.formatHex(id);
    }

    static String newToken(String accountId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return accountId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The account id a token names, when it has the token's shape. */
    static Optional<String> accountId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || !token.startsWith("acct-")) {
            return Optional.empty();
        }
        return Optional.of(token.substring(0, dot));
    }

    static String sha256(String token) {
        return HEX.formatHex(digest(token));
    }

    /** Whether the token hashes to the stored hash, compared in time independent of where they differ. */
    static boolean matches(String token, String storedSha256) {
        byte[] stored;
        try {
            stored = HEX.parseHex(storedSha256);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(token), stored);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
