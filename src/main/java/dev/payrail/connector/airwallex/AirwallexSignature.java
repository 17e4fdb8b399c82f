package dev.payrail.connector.airwallex;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Airwallex's webhook signature: {@code x-signature} is the lower-case hex HMAC-SHA256, keyed with
 * the webhook secret's UTF-8 bytes, of the {@code x-timestamp} header string followed directly by
 * the raw body; {@code x-timestamp} is milliseconds since the epoch.
 */
public final class AirwallexSignature {

    private AirwallexSignature() {
    }

    /** The {@code x-signature} Airwallex sends for this body with this {@code x-timestamp}. */
    public static String sign(String timestamp, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Why the headers do not prove this body, or {@code null} when they do. */
    public static String reject(String timestamp, String signature, byte[] body, String secret, Duration tolerance,
            Instant now) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return "missing x-timestamp or x-signature";
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "unparseable x-timestamp";
        }
        if (Math.abs(now.toEpochMilli() - millis) > tolerance.toMillis()) {
            return "x-timestamp outside the tolerance";
        }
        byte[] expected = sign(timestamp, body, secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII)) ? null
                : "signature does not match";
    }
}
