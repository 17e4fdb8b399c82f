package dev.payrail.connector.braintree;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Braintree's webhook signature: {@code bt_signature} is one or more {@code public_key|signature}
 * pairs joined by {@code &}; the signature is the lower-case hex HMAC-SHA1 of the {@code bt_payload}
 * text (UTF-8) keyed with the raw SHA-1 digest of the private key. Like the SDK, a signature of the
 * payload followed by one {@code \n} is accepted too (some deliveries sign it with the line break).
 * Compared in constant time.
 */
public final class BraintreeSignature {

    private BraintreeSignature() {
    }

    /** The hex HMAC-SHA1 of {@code content} under {@code SHA1(privateKey)}. */
    public static String hmac(String privateKey, String content) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-1").digest(privateKey.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code public_key|hmac}: how Braintree signs a payload (and answers a {@code bt_challenge}). */
    public static String sign(String publicKey, String privateKey, String payload) {
        return publicKey + "|" + hmac(privateKey, payload);
    }

    /**
     * Whether {@code btSignature} holds a pair for {@code publicKey} whose signature is the HMAC of
     * {@code payload} (or of {@code payload + "\n"}).
     */
    public static boolean matches(String btSignature, String payload, String publicKey, String privateKey) {
        if (btSignature == null || payload == null || publicKey == null || privateKey == null || privateKey.isEmpty()) {
            return false;
        }
        String candidate = null;
        for (String pair : btSignature.split("&")) {
            int bar = pair.indexOf('|');
            if (bar > 0 && pair.substring(0, bar).equals(publicKey)) {
                candidate = pair.substring(bar + 1).trim();
                break;
            }
        }
        if (candidate == null) {
            return false;
        }
        byte[] given = candidate.getBytes(StandardCharsets.US_ASCII);
        boolean plain = MessageDigest.isEqual(hmac(privateKey, payload).getBytes(StandardCharsets.US_ASCII), given);
        boolean newline = MessageDigest.isEqual(hmac(privateKey, payload + "\n").getBytes(StandardCharsets.US_ASCII), given);
        return plain | newline;
    }
}
