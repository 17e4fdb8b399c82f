package dev.payrail.connector.razorpay;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Razorpay's two signatures (both lower-case hex HMAC-SHA256, compared in constant time):
 * webhooks ({@code X-Razorpay-Signature}) over the raw body with the webhook secret, and the
 * checkout signature ({@code razorpay_signature}) over {@code order_id|payment_id} with the key secret.
 */
public final class RazorpaySignature {

    private RazorpaySignature() {
    }

    /** The hex HMAC-SHA256 of {@code message} with {@code secret}. */
    public static String hmac(byte[] message, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code X-Razorpay-Signature} of a webhook body. */
    public static String webhook(byte[] body, String webhookSecret) {
        return hmac(body, webhookSecret);
    }

    /** The checkout {@code razorpay_signature} of a payment of an order. */
    public static String checkout(String orderId, String paymentId, String keySecret) {
        return hmac((orderId + "|" + paymentId).getBytes(StandardCharsets.UTF_8), keySecret);
    }

    /** Whether {@code signature} is the hex HMAC of {@code message} (constant time). */
    public static boolean matches(String signature, byte[] message, String secret) {
        if (signature == null || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] expected = hmac(message, secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
