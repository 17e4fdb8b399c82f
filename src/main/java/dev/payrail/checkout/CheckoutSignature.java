package dev.payrail.checkout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a checkout's success callback: hex HMAC-SHA256 of {@code order_id|payment_id},
 * keyed with the merchant's current webhook signing secret (the base64-decoded part after
 * {@code whsec_}). API secrets are stored as digests only, so they cannot sign. A secret whose part
 * after {@code whsec_} is not base64 (a configured, hand-written one) keys with its UTF-8 bytes.
 */
public final class CheckoutSignature {

    private static final String PREFIX = "whsec_";

    private CheckoutSignature() {
    }

    public static String sign(String webhookSecret, String orderId, String paymentId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(webhookSecret), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((orderId + "|" + paymentId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return encoded.getBytes(StandardCharsets.UTF_8);
        }
    }
}
