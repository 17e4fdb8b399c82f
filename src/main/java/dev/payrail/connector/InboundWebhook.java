package dev.payrail.connector;

import java.time.Instant;
import java.util.Map;

/**
 * A provider's webhook request as received: the raw body bytes (signatures are computed over
 * them, so nothing may parse and re-serialise them first), the headers with lower-case names, and
 * the provider account it was addressed to.
 *
 * <p>The account comes from the URL the provider was told to call, never from the body:
 * {@code POST /webhooks/{provider}} is the platform's configured account ({@code merchantId} null),
 * {@code POST /webhooks/{provider}/{merchantId}} is that merchant's own account. A connector
 * verifies with that account's secret only, so a verified event belongs to that account.
 */
public record InboundWebhook(String provider, Map<String, String> headers, byte[] body, Instant receivedAt,
        String merchantId) {

    /** Addressed to the platform's configured provider account. */
    public InboundWebhook(String provider, Map<String, String> headers, byte[] body, Instant receivedAt) {
        this(provider, headers, body, receivedAt, null);
    }

    /** Addressed to one merchant's own provider account. */
    public static InboundWebhook forMerchant(String merchantId, String provider, Map<String, String> headers,
            byte[] body, Instant receivedAt) {
        if (merchantId == null) {
            throw new IllegalArgumentException("merchantId");
        }
        return new InboundWebhook(provider, headers, body, receivedAt, merchantId);
    }

    /** Whether the webhook was addressed to the platform's configured account. */
    public boolean platform() {
        return merchantId == null;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }
}
