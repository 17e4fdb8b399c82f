package dev.payrail.connector.alipay;

import java.util.Map;

/**
 * The Alipay app a call is made with: the merchant's own (stored credentials) or the platform's
 * configured one. Key texts only; {@link AlipayKeys} parses and caches them.
 *
 * @param merchantId the merchant whose own app this is; {@code null}: the platform's app
 */
record AlipayAccount(String appId, String privateKey, String alipayPublicKey, String sellerId, String merchantId) {

    static final String APP_ID = "app_id";
    static final String PRIVATE_KEY = "private_key";
    static final String ALIPAY_PUBLIC_KEY = "alipay_public_key";
    static final String SELLER_ID = "seller_id";

    /** A merchant's stored credentials, or {@code null} when it stored none. */
    static AlipayAccount ofMerchant(String merchantId, Map<String, String> c) {
        String appId = c.get(APP_ID);
        if (appId == null || appId.isBlank()) {
            return null;
        }
        return new AlipayAccount(appId, c.get(PRIVATE_KEY), c.get(ALIPAY_PUBLIC_KEY), blankToNull(c.get(SELLER_ID)),
                merchantId);
    }

    /** The configured platform app, or {@code null} when none is configured. */
    static AlipayAccount platform(AlipayConfig config) {
        String appId = config.appId().filter(s -> !s.isBlank()).orElse(null);
        String key = config.privateKey().filter(s -> !s.isBlank()).orElse(null);
        String alipayKey = config.alipayPublicKey().filter(s -> !s.isBlank()).orElse(null);
        if (appId == null || key == null || alipayKey == null) {
            return null;
        }
        return new AlipayAccount(appId, key, alipayKey, config.sellerId().filter(s -> !s.isBlank()).orElse(null), null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "AlipayAccount[" + appId + (merchantId == null ? ", platform" : ", " + merchantId) + "]";
    }
}
