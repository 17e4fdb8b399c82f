package dev.payrail.connector.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code AEAD_AES_256_GCM} of notification resources: the 32-byte API v3 key, the resource's
 * {@code nonce} (12 bytes) as IV, its {@code associated_data} as AAD, a 128-bit tag at the end of the
 * base64 ciphertext.
 */
public final class WechatPayCipher {

    public static final String ALGORITHM = "AEAD_AES_256_GCM";
    private static final int TAG_BITS = 128;

    private WechatPayCipher() {
    }

    /** The plaintext; {@link IllegalArgumentException} when the key, nonce or tag do not fit. */
    public static String decrypt(byte[] apiV3Key, String associatedData, String nonce, String ciphertext) {
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, apiV3Key, associatedData, nonce);
            return new String(c.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("the resource does not decrypt with this API v3 key");
        }
    }

    /** Base64 ciphertext with its tag (the emulator's notifications). */
    public static String encrypt(byte[] apiV3Key, String associatedData, String nonce, String plaintext) {
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, apiV3Key, associatedData, nonce);
            return Base64.getEncoder().encodeToString(c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /** Whether {@code key} is a usable API v3 key: 32 bytes in UTF-8. */
    public static boolean validKey(String key) {
        return key != null && key.getBytes(StandardCharsets.UTF_8).length == 32;
    }

    private static Cipher cipher(int mode, byte[] key, String aad, String nonce) throws GeneralSecurityException {
        if (key == null || key.length != 32) {
            throw new GeneralSecurityException("API v3 key is not 32 bytes");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
        if (aad != null && !aad.isEmpty()) {
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        }
        return c;
    }
}
