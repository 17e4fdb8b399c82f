package dev.payrail.connector.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Stripe-Signature} scheme: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code t + "." + raw body}, keyed with the bytes of the whole {@code whsec_…} string. Several
 * {@code v1} values may appear (secret rotation); {@code v0} and unknown schemes are ignored.
 */
public final class StripeSignature {

    private StripeSignature() {
    }

    /** The header value Stripe would send for this body at this time. */
    public static String header(byte[] payload, String secret, long timestamp) {
        return "t=" + timestamp + ",v1=" + hmac(payload, secret, timestamp);
    }

    static String hmac(byte[] payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Why a signature was not accepted, or {@code null} when it was. */
    public static String reject(String header, byte[] payload, List<String> secrets, Duration tolerance, Instant now) {
        if (header == null || header.isBlank()) {
            return "missing Stripe-Signature header";
        }
        Long t = null;
        List<String> v1 = new ArrayList<>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    t = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return "unparseable timestamp";
                }
            } else if (key.equals("v1")) {
                v1.add(value);
            }
        }
        if (t == null) {
            return "no timestamp in Stripe-Signature";
        }
        if (v1.isEmpty()) {
            return "no v1 signature in Stripe-Signature";
        }
        if (!tolerance.isZero() && !tolerance.isNegative() && t < now.getEpochSecond() - tolerance.toSeconds()) {
            return "timestamp outside the tolerance";
        }
        for (String secret : secrets) {
            byte[] expected = hmac(payload, secret, t).getBytes(StandardCharsets.US_ASCII);
            for (String candidate : v1) {
                if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                    return null;
                }
            }
        }
        return "no signature matches";
    }
}
