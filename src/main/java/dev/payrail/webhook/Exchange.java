package dev.payrail.webhook;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one delivery attempt sent and got back, as stored next to it in {@code webhook_deliveries}:
 * the request headers as sent (lower-case names: {@code content-type}, {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}), the request body as signed, and the
 * receiver's response headers ({@code name: value} lines, at most {@link #RESPONSE_HEADERS_LIMIT}
 * characters). Never the signing secret. All empty for attempts recorded before it was kept.
 */
public record Exchange(Map<String, String> requestHeaders, String requestBody, String responseHeaders) {

    public static final int RESPONSE_HEADERS_LIMIT = 4096;
    public static final Exchange NONE = new Exchange(Map.of(), null, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request headers as {@code name: value} pairs, in the order sent. */
    public List<Map.Entry<String, String>> requestHeaderList() {
        return new ArrayList<>(requestHeaders.entrySet());
    }

    /** The request headers as a JSON object for the {@code jsonb} column (a Java String would be stored as a JSON string). */
    io.vertx.core.json.JsonObject requestHeadersJson() {
        if (requestHeaders.isEmpty()) {
            return null;
        }
        return new io.vertx.core.json.JsonObject(new LinkedHashMap<String, Object>(requestHeaders));
    }

    static Exchange of(String requestHeadersJson, String requestBody, String responseHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (requestHeadersJson != null) {
            try {
                JsonNode node = JSON.readTree(requestHeadersJson);
                for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
                    var e = it.next();
                    headers.put(e.getKey(), e.getValue().asText());
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Exchange(headers, requestBody, responseHeaders);
    }

    /** Response headers as {@code name: value} lines, cut at {@link #RESPONSE_HEADERS_LIMIT} characters. */
    static String responseHeaders(Iterable<Map.Entry<String, String>> headers) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> h : headers) {
            b.append(h.getKey().toLowerCase(java.util.Locale.ROOT)).append(": ").append(h.getValue()).append('\n');
            if (b.length() >= RESPONSE_HEADERS_LIMIT) {
                break;
            }
        }
        String s = b.toString().replace('\u0000', ' ');
        return s.length() <= RESPONSE_HEADERS_LIMIT ? s : s.substring(0, RESPONSE_HEADERS_LIMIT);
    }
}
