package dev.payrail.merchant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.payrail.common.Ids;

/**
 * API key ids, secrets and their digests. Secrets carry 190 bits of entropy, so a SHA-256 digest
 * is enough to make a stolen table useless; digests are compared in constant time.
 */
public final class ApiSecrets {

    static final String DIGEST_PREFIX = "sha256:";
    private static final int KEY_LENGTH = 14;
    private static final int SECRET_LENGTH = 32;

    private ApiSecrets() {
    }

    public static String newKeyId(boolean live) {
        return (live ? "key_live_" : "key_test_") + Ids.random(KEY_LENGTH);
    }

    public static String newSecret(boolean live) {
        return (live ? "secret_live_" : "secret_test_") + Ids.random(SECRET_LENGTH);
    }

    public static String digest(String secret) {
        return DIGEST_PREFIX + HexFormat.of().formatHex(sha256(secret));
    }

    /** Constant-time comparison of a presented secret with a stored digest. */
    public static boolean matches(String secret, String storedDigest) {
        if (secret == null || storedDigest == null) {
            return false;
        }
        return MessageDigest.isEqual(
                digest(secret).getBytes(StandardCharsets.US_ASCII),
                storedDigest.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
