package dev.payrail.connector;

import java.time.Instant;
import java.util.Map;

/**
 * A provider's webhook request as received: the raw body bytes (signatures are computed over
 * them, so nothing may parse and re-serialise them first) and the headers with lower-case names.
 */
public record InboundWebhook(String provider, Map<String, String> headers, byte[] body, Instant receivedAt) {

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }
}
