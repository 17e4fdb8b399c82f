package dev.payrail.connector.alipay;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;

/**
 * Alipay's asynchronous notify ({@code notify_url}): a form POST whose {@code sign} (RSA2 over the
 * sorted, URL-decoded parameters without {@code sign} and {@code sign_type}) is checked with the
 * account's Alipay public key; then {@code app_id} (and {@code seller_id} when the account names one)
 * must be the account's and {@code notify_time} recent. A payment notify moves the payment; a refund
 * notify ({@code out_biz_no}, {@code refund_fee}) settles the refund whose id is {@code out_biz_no}.
 * The event id is {@code notify_id}.
 */
final class AlipayNotify {

    private AlipayNotify() {
    }

    /** The form parameters of a raw body, URL-decoded in its {@code charset} (UTF-8 when absent). */
    static Map<String, String> form(byte[] body) {
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        Charset charset = StandardCharsets.UTF_8;
        for (String pair : raw.split("&")) {
            if (pair.startsWith("charset=")) {
                try {
                    charset = Charset.forName(URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new WebhookRejectedException("Alipay notify rejected: unknown charset");
                }
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                if (params.putIfAbsent(k, v) != null) {
                    throw new WebhookRejectedException("Alipay notify rejected: parameter " + k + " given twice");
                }
            } catch (IllegalArgumentException e) {
                throw new WebhookRejectedException("Alipay notify rejected: the body is not a form");
            }
        }
        return params;
    }

    /** Verifies a notify for {@code account} at {@code now} and translates it. */
    static ProviderEvent verify(Map<String, String> params, AlipayAccount account, Instant now, Duration tolerance) {
        if (!"RSA2".equals(params.get("sign_type"))) {
            throw new WebhookRejectedException("Alipay notify rejected: sign_type must be RSA2");
        }
        if (!AlipayRsa2.verifyNotify(params, AlipayKeys.publicKey(account.alipayPublicKey()))) {
            throw new WebhookRejectedException("Alipay notify rejected: the signature does not match");
        }
        if (!equal(account.appId(), params.get("app_id"))) {
            throw new WebhookRejectedException("Alipay notify rejected: app_id is not this account's app");
        }
        if (account.sellerId() != null && !equal(account.sellerId(), params.get("seller_id"))) {
            throw new WebhookRejectedException("Alipay notify rejected: seller_id is not this account's");
        }
        Instant sent = AlipayTime.parse(params.get("notify_time"));
        if (sent == null || sent.isBefore(now.minus(tolerance)) || sent.isAfter(now.plus(tolerance))) {
            throw new WebhookRejectedException("Alipay notify rejected: notify_time is missing or not within " + tolerance);
        }
        String notifyId = params.get("notify_id");
        String outTradeNo = params.get("out_trade_no");
        if (notifyId == null || notifyId.isBlank() || outTradeNo == null || outTradeNo.isBlank()) {
            throw new WebhookRejectedException("Alipay notify rejected: notify_id and out_trade_no are required");
        }
        return translate(params, notifyId, outTradeNo);
    }

    private static ProviderEvent translate(Map<String, String> p, String notifyId, String outTradeNo) {
        String status = String.valueOf(p.get("trade_status"));
        String type = p.getOrDefault("notify_type", "trade_status_sync") + ":" + status;
        String refundId = p.get("out_biz_no");
        if (refundId != null && !refundId.isBlank() && (p.get("refund_fee") != null || p.get("gmt_refund") != null)) {
            return new ProviderEvent(notifyId, type + ":refund", refundId, ProviderEvent.Kind.REFUND_PROCESSED,
                    null, null); // refund_fee is the trade's refunded total, not this refund's amount
        }
        return switch (status) {
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> new ProviderEvent(notifyId, type, outTradeNo,
                    ProviderEvent.Kind.CAPTURED, amount(p.get("total_amount")), null);
            case "TRADE_CLOSED" -> new ProviderEvent(notifyId, type, outTradeNo, ProviderEvent.Kind.FAILED, null,
                    "trade_closed");
            default -> new ProviderEvent(notifyId, type, outTradeNo, ProviderEvent.Kind.IGNORED, null, null);
        };
    }

    private static Long amount(String yuan) {
        if (yuan == null) {
            return null;
        }
        try {
            return AlipayMapping.UNITS.fromProvider(AlipayMapping.CNY, yuan);
        } catch (AmountUnits.NotRepresentable e) {
            throw new WebhookRejectedException("Alipay notify rejected: not an amount: " + yuan);
        }
    }

    private static boolean equal(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
