package dev.payrail.dashboard.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): 30-second steps, 6 digits, HMAC-SHA1,
 * the parameters every authenticator app takes from an {@code otpauth://} URI.
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new 160-bit secret, base32 (RFC 4648, no padding). */
    public static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return Base32.encode(secret);
    }

    /** The time step of {@code epochSeconds}. */
    public static long step(long epochSeconds) {
        return Math.floorDiv(epochSeconds, STEP_SECONDS);
    }

    /** The HOTP value of {@code counter} with {@code key}, {@code digits} long; {@code algorithm} HmacSHA1/256/512. */
    public static String code(byte[] key, long counter, int digits, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            int otp = (int) (binary % (long) Math.pow(10, digits));
            return String.format("%0" + digits + "d", otp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The step at which {@code code} is valid for the base32 {@code secret}, within one step either side of
     * {@code epochSeconds} (clock drift), and later than {@code lastUsedStep} (no replay); else {@code -1}.
     */
    public static long match(String secret, String code, long epochSeconds, Long lastUsedStep) {
        if (secret == null || code == null || !code.matches("\\d{6}")) {
            return -1;
        }
        byte[] key = Base32.decode(secret);
        long now = step(epochSeconds);
        long found = -1;
        for (long s = now - 1; s <= now + 1; s++) {
            boolean equal = MessageDigest.isEqual(code(key, s, DIGITS, "HmacSHA1").getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII));
            if (equal && (lastUsedStep == null || s > lastUsedStep)) {
                found = s;
            }
        }
        return found;
    }

    /** The {@code otpauth://totp/} URI authenticator apps read from a QR code. */
    public static String uri(String issuer, String account, String secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc(issuer) + "&algorithm=SHA1&digits="
                + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
