package dev.payrail.webhook;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

/** One delivery attempt, as the delivery log shows it. */
public record WebhookDelivery(String id, String object, String eventId, String eventType, int attempt, String status,
        String url, Integer responseStatus, String responseBody, String error, int latencyMs, Instant nextRetryAt,
        Instant createdAt) {

    static final String COLUMNS = "id, event_id, event_type, attempt, status, url, response_status, response_body, "
            + "error, latency_ms, next_retry_at, created_at";

    static WebhookDelivery from(Row r) {
        var next = r.getOffsetDateTime("next_retry_at");
        return new WebhookDelivery(r.getString("id"), "webhook_delivery", r.getString("event_id"),
                r.getString("event_type"), r.getInteger("attempt"), r.getString("status"), r.getString("url"),
                r.getInteger("response_status"), r.getString("response_body"), r.getString("error"),
                r.getInteger("latency_ms"), next == null ? null : next.toInstant(),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
