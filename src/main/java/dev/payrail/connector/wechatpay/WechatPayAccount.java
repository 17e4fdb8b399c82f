package dev.payrail.connector.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One WeChat Pay merchant account as calls use it: ids, the parsed merchant private key, the API v3
 * key and the platform's verification key by its serial. Keys are parsed once per set of credentials
 * (cached by their digest, so a rotation is a new entry). Never printed with its keys.
 */
record WechatPayAccount(String mchid, String appid, String merchantSerialNo, PrivateKey privateKey, byte[] apiV3Key,
        String platformSerialNo, PublicKey platformKey) {

    static final String MCHID = "mchid";
    static final String APPID = "appid";
    static final String MERCHANT_SERIAL_NO = "merchant_serial_no";
    static final String PRIVATE_KEY = "private_key";
    static final String API_V3_KEY = "api_v3_key";
    static final String PLATFORM_PUBLIC_KEY = "platform_public_key";
    static final String PLATFORM_SERIAL_NO = "platform_serial_no";
    static final java.util.Set<String> FIELDS = java.util.Set.of(MCHID, APPID, MERCHANT_SERIAL_NO, PRIVATE_KEY, API_V3_KEY,
            PLATFORM_PUBLIC_KEY, PLATFORM_SERIAL_NO);

    private static final int CACHE_MAX = 10_000;
    private static final ConcurrentHashMap<String, WechatPayAccount> PARSED = new ConcurrentHashMap<>();

    /** Thrown when credentials are incomplete or do not parse. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The account of these credentials, parsed once (RSA key parsing: call on a worker thread).
     *
     * @throws Unusable when a field is missing or a key does not parse
     */
    static WechatPayAccount of(Map<String, String> c) {
        for (String f : FIELDS) {
            String v = c.get(f);
            if (v == null || v.isBlank()) {
                throw new Unusable("no " + f);
            }
        }
        String digest = digest(c);
        WechatPayAccount known = PARSED.get(digest);
        if (known != null) {
            return known;
        }
        if (!WechatPayCipher.validKey(c.get(API_V3_KEY))) {
            throw new Unusable("api_v3_key must be 32 bytes");
        }
        WechatPayAccount parsed;
        try {
            parsed = new WechatPayAccount(c.get(MCHID).trim(), c.get(APPID).trim(), c.get(MERCHANT_SERIAL_NO).trim(),
                    WechatPayKeys.privateKey(c.get(PRIVATE_KEY)), c.get(API_V3_KEY).getBytes(StandardCharsets.UTF_8),
                    c.get(PLATFORM_SERIAL_NO).trim(), WechatPayKeys.publicKey(c.get(PLATFORM_PUBLIC_KEY)));
        } catch (IllegalArgumentException e) {
            throw new Unusable(e.getMessage());
        }
        if (PARSED.size() >= CACHE_MAX) {
            PARSED.clear();
        }
        PARSED.put(digest, parsed);
        return parsed;
    }

    /** The platform key for a {@code Wechatpay-Serial}, or {@code null}: unknown serial. */
    PublicKey platformKey(String serial) {
        return platformSerialNo.equals(serial) ? platformKey : null;
    }

    private static String digest(Map<String, String> c) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(c).forEach((k, v) -> {
                if (FIELDS.contains(k)) {
                    md.update(k.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(v.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "WechatPayAccount[" + mchid + "]";
    }
}
