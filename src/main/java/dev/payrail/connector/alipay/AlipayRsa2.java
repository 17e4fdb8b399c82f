package dev.payrail.connector.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Alipay's RSA2 signatures (SHA256withRSA, base64), over the texts the official SDK builds:
 * <ul>
 * <li>a request: every non-empty parameter except {@code sign} ({@code sign_type} included), sorted
 * by name, joined as {@code k=v&…} with raw values ({@code AlipaySignature.getSignContent});
 * <li>an asynchronous notify or a page-pay return: the same without {@code sign} and {@code sign_type}
 * ({@code getSignCheckContentV1});
 * <li>a synchronous response: the exact text of the {@code <method>_response} (or
 * {@code error_response}) object as it appears in the body ({@link #responseSource}).
 * </ul>
 * Used by the connector and by the emulator; RSA is CPU work, callers run on a worker thread.
 */
public final class AlipayRsa2 {

    public static final String ALGORITHM = "SHA256withRSA";
    private static final Set<String> REQUEST_EXCLUDED = Set.of("sign");
    private static final Set<String> NOTIFY_EXCLUDED = Set.of("sign", "sign_type");

    private AlipayRsa2() {
    }

    /** The text a request's {@code sign} covers. */
    public static String requestContent(Map<String, String> params) {
        return content(params, REQUEST_EXCLUDED);
    }

    /** The text a notify's (or a page-pay return's) {@code sign} covers. */
    public static String notifyContent(Map<String, String> params) {
        return content(params, NOTIFY_EXCLUDED);
    }

    private static String content(Map<String, String> params, Set<String> excluded) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k == null || k.isEmpty() || v == null || v.isEmpty() || excluded.contains(k)) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(k).append('=').append(v);
        }
        return sb.toString();
    }

    /** {@code base64(SHA256withRSA(key, utf8(content)))}. */
    public static String sign(String content, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA2 signing failed", e);
        }
    }

    /** Whether {@code sign} is a valid RSA2 signature of {@code content}; false for anything malformed. */
    public static boolean verify(String content, String sign, PublicKey key) {
        if (content == null || sign == null || sign.isBlank()) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getMimeDecoder().decode(sign));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A synchronous response's signature check: over the raw object text, and — as the SDK does —
     * once more with {@code \/} read as {@code /} when the first check fails.
     */
    public static boolean verifyResponse(String source, String sign, PublicKey key) {
        return verify(source, sign, key) || source != null && source.contains("\\/")
                && verify(source.replace("\\/", "/"), sign, key);
    }

    /** {@code alipay.trade.query} → {@code alipay_trade_query_response}. */
    public static String responseKey(String method) {
        return method.replace('.', '_') + "_response";
    }

    /**
     * The exact text of the value of {@code "<method>_response"} (else {@code "error_response"}) in
     * {@code body}, from its opening brace to the matching closing one, or {@code null} when the body
     * has neither object. Nothing is parsed and re-serialised: the signature is over these characters.
     */
    public static String responseSource(String body, String method) {
        if (body == null) {
            return null;
        }
        String source = objectAfter(body, "\"" + responseKey(method) + "\"");
        return source != null ? source : objectAfter(body, "\"error_response\"");
    }

    private static String objectAfter(String body, String quotedKey) {
        int at = body.indexOf(quotedKey);
        if (at < 0) {
            return null;
        }
        int i = at + quotedKey.length();
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        if (i >= body.length() || body.charAt(i) != ':') {
            return null;
        }
        i++;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        if (i >= body.length() || body.charAt(i) != '{') {
            return null;
        }
        int start = i;
        int depth = 0;
        boolean inString = false;
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return body.substring(start, i + 1);
            }
        }
        return null;
    }

    /** Signs a parameter map as a request: {@code sign} over {@link #requestContent}. */
    public static String signRequest(Map<String, String> params, PrivateKey key) {
        return sign(requestContent(params), key);
    }

    /** Whether a notify's (or return's) {@code sign} is valid over {@link #notifyContent}. */
    public static boolean verifyNotify(Map<String, String> params, PublicKey key) {
        return verify(notifyContent(params), params.get("sign"), key);
    }

    /** Whether a request's {@code sign} is valid over {@link #requestContent}. */
    public static boolean verifyRequest(Map<String, String> params, PublicKey key) {
        return verify(requestContent(params), params.get("sign"), key);
    }

    /** The key parsers, for the emulator: PKCS#8 private / X.509 public, PEM or base64, cached. */
    public static PrivateKey privateKey(String text) {
        return AlipayKeys.privateKey(text);
    }

    public static PublicKey publicKey(String text) {
        return AlipayKeys.publicKey(text);
    }
}
