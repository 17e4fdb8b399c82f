package dev.payrail.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

/**
 * Seals webhook signing secrets at rest with AES-256-GCM: {@code enc:v1:<key id>:<base64(iv ‖
 * ciphertext ‖ tag)>}. The key id (first 8 hex digits of the key's SHA-256) is stored for key
 * rotation and authenticated as associated data. Values written before sealing existed (plain
 * {@code whsec_…}) are still read.
 */
@Singleton
public class SecretCipher {

    private static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    SecretCipher(WebhookConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.secretKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("payrail.webhook.secret-key must be base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("payrail.webhook.secret-key must be 32 bytes (AES-256), base64-encoded");
        }
        this.key = new SecretKeySpec(raw, "AES");
        try {
            this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal secret", e);
        }
    }

    /** The plaintext of a sealed value; a legacy plaintext value is returned as is; {@code null} stays null. */
    public String open(String stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String id = rest.substring(0, colon);
        if (!id.equals(keyId)) {
            throw new IllegalStateException("webhook secret sealed with unknown key " + id);
        }
        byte[] blob = Base64.getDecoder().decode(rest.substring(colon + 1));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, IV_BYTES));
            c.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
            return new String(c.doFinal(blob, IV_BYTES, blob.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open webhook secret", e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }
}
