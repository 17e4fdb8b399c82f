package dev.payrail.dashboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Session tokens and the CSRF tokens derived from them. The cookie holds a random 256-bit token; the
 * database holds only its SHA-256 ({@link #sessionId}); a form's CSRF token is another SHA-256 of the
 * same token with a different prefix ({@link #csrf}), so it is tied to the session, checked on the
 * server, and useless to anyone who reads the sessions table.
 */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A fresh random token, 43 base64url characters. */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether {@code token} has the shape {@link #newToken} makes. */
    public static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }

    /** The session's stored id: hex SHA-256 of the cookie token. */
    public static String sessionId(String token) {
        return HexFormat.of().formatHex(sha256("session:" + token));
    }

    /** A set-password link's stored id: hex SHA-256 of the link's token (a domain of its own). */
    public static String passwordLinkId(String token) {
        return HexFormat.of().formatHex(sha256("password-link:" + token));
    }

    /** The synchronizer token every form of this session carries. */
    public static String csrf(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf:" + token));
    }

    /** Constant-time check of a submitted form token against the session's. */
    public static boolean csrfMatches(String sessionToken, String submitted) {
        if (sessionToken == null || submitted == null) {
            return false;
        }
        return MessageDigest.isEqual(csrf(sessionToken).getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
