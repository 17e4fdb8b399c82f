package dev.payrail.provider;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * AES-256-GCM for provider credentials. The stored value is {@code nonce (12 bytes) || ciphertext
 * || tag (16 bytes)}; the merchant and provider are bound as associated data, so a ciphertext
 * copied to another merchant's row does not decrypt.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;

    CredentialCipher(CredentialsConfig config) {
        config.keys().forEach((id, value) -> keys.put(id, decodeKey(id, value)));
        if (!keys.containsKey(config.activeKeyId())) {
            throw new IllegalStateException("payrail.credentials.active-key-id '" + config.activeKeyId()
                    + "' is not among payrail.credentials.keys");
        }
        this.activeKeyId = config.activeKeyId();
    }

    private static SecretKey decodeKey(String id, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("payrail.credentials.keys." + id + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("payrail.credentials.keys." + id + " must be 32 bytes (AES-256), is "
                    + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** Ciphertext and the id of the key that made it. */
    public record Sealed(byte[] ciphertext, String keyId) {
    }

    public Sealed encrypt(String merchantId, String provider, String plaintext) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(merchantId, provider));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array(), activeKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(String merchantId, String provider, byte[] sealed, String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("credentials of " + merchantId + "/" + provider + " use key '" + keyId
                    + "', which is not configured");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            c.updateAAD(aad(merchantId, provider));
            return new String(c.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credentials of " + merchantId + "/" + provider + " do not decrypt");
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    private static byte[] aad(String merchantId, String provider) {
        return ("payrail/provider-credentials/" + merchantId + "/" + provider).getBytes(StandardCharsets.UTF_8);
    }
}
