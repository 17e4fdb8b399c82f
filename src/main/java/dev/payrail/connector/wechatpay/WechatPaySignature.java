package dev.payrail.connector.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeChat Pay API v3 signatures ({@code WECHATPAY2-SHA256-RSA2048}): SHA256withRSA (PKCS#1 v1.5) over
 * a message of lines each ending in {@code \n}. A request is signed with the merchant's API private
 * key over {@code METHOD, canonical URL, timestamp, nonce, body}; a response or a notification with the
 * platform's key over {@code timestamp, nonce, body}. RSA is slow: callers run it on worker threads.
 */
public final class WechatPaySignature {

    public static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    /** Prefix of WeChat Pay's probe signatures, which must never verify. */
    public static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";
    private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WechatPaySignature() {
    }

    /** {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}: {@code url} is the raw path plus {@code ?query}. */
    public static String requestMessage(String method, String canonicalUrl, long timestamp, String nonce, String body) {
        return method + "\n" + canonicalUrl + "\n" + timestamp + "\n" + nonce + "\n" + (body == null ? "" : body) + "\n";
    }

    /** {@code TIMESTAMP\nNONCE\nBODY\n} of a response or a notification. */
    public static String responseMessage(String timestamp, String nonce, String body) {
        return timestamp + "\n" + nonce + "\n" + (body == null ? "" : body) + "\n";
    }

    /** The {@code Authorization} header value of a request, in the SDK's field order. */
    public static String authorization(String mchid, String serialNo, PrivateKey key, String method, String canonicalUrl,
            String body, long timestamp, String nonce) {
        String signature = sign(key, requestMessage(method, canonicalUrl, timestamp, nonce, body));
        return SCHEMA + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + serialNo + "\",signature=\"" + signature + "\"";
    }

    /** The fields of an {@code Authorization} header, or {@code null} when it is not of this schema. */
    public static Map<String, String> parseAuthorization(String header) {
        if (header == null || !header.startsWith(SCHEMA + " ")) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : header.substring(SCHEMA.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String value = part.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (out.put(part.substring(0, eq).trim(), value) != null) {
                return null;
            }
        }
        return out;
    }

    /** Base64 SHA256withRSA of the UTF-8 message. */
    public static String sign(PrivateKey key, String message) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key", e);
        }
    }

    /** Whether {@code signature} (base64) is the key's SHA256withRSA of the message; probes never are. */
    public static boolean verify(PublicKey key, String message, String signature) {
        if (key == null || signature == null || signature.startsWith(PROBE_PREFIX)) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** 32 random upper-case letters and digits, as the SDK makes them. */
    public static String nonce() {
        char[] c = new char[32];
        for (int i = 0; i < c.length; i++) {
            c[i] = NONCE_CHARS.charAt(RANDOM.nextInt(NONCE_CHARS.length()));
        }
        return new String(c);
    }
}
