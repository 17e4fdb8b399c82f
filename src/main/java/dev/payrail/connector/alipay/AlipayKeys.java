package dev.payrail.connector.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RSA keys as Alipay hands them out: the app's private key as PKCS#8 and the Alipay public key as
 * X.509 SubjectPublicKeyInfo, each either PEM or the bare base64 of Alipay's key tool. Each text is
 * parsed once and cached under its SHA-256 (a rotated key is a new entry; the text itself is not kept
 * as a map key). Parsing is CPU work: callers run on a worker thread.
 */
final class AlipayKeys {

    /** A key text that is not a usable RSA key. */
    static final class InvalidKey extends IllegalArgumentException {
        InvalidKey(String message) {
            super(message);
        }
    }

    private static final int MAX_CACHED = 10_000;
    private static final ConcurrentHashMap<String, PrivateKey> PRIVATE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, PublicKey> PUBLIC = new ConcurrentHashMap<>();

    private AlipayKeys() {
    }

    static PrivateKey privateKey(String text) {
        if (text != null && text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new InvalidKey("the private key is PKCS#1: Alipay's key tool exports PKCS#8 (BEGIN PRIVATE KEY) for Java");
        }
        return cached(PRIVATE, text, der -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    static PublicKey publicKey(String text) {
        return cached(PUBLIC, text, der -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
    }

    /** Whether {@code text} parses as a private (PKCS#8) or public (X.509) RSA key. */
    static boolean valid(String text, boolean privateKey) {
        try {
            if (privateKey) {
                privateKey(text);
            } else {
                publicKey(text);
            }
            return true;
        } catch (InvalidKey e) {
            return false;
        }
    }

    private interface Parser<K> {
        K parse(byte[] der) throws GeneralSecurityException;
    }

    private static <K> K cached(ConcurrentHashMap<String, K> cache, String text, Parser<K> parser) {
        if (text == null || text.isBlank()) {
            throw new InvalidKey("no key");
        }
        String digest = sha256(text);
        K known = cache.get(digest);
        if (known != null) {
            return known;
        }
        K key;
        try {
            key = parser.parse(der(text));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidKey("not an RSA key in the expected encoding");
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(digest, key);
        return key;
    }

    /** The DER bytes of a PEM block or of bare base64 (whitespace ignored). */
    static byte[] der(String text) {
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
