package dev.payrail.webhook;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** One delivery attempt, as the delivery log shows it. */
@Schema(example = WebhookDelivery.EXAMPLE)
public record WebhookDelivery(String id, String object, String eventId, String eventType, int attempt, String status,
        String url, Integer responseStatus, String responseBody, String error, int latencyMs, Instant nextRetryAt,
        Instant createdAt) {

    /** An example for the OpenAPI document. */
    static final String EXAMPLE = "{\"id\":\"whd_8Jq2mXb1nK4zLp\",\"object\":\"webhook_delivery\",\"event_id\":\"evt_2mQ8sXb1nK4zLp\",\"event_type\":\"payment.captured\",\"attempt\":1,\"status\":\"succeeded\",\"url\":\"https://hooks.acme.example/payrail\",\"response_status\":204,\"latency_ms\":87,\"created_at\":\"2026-01-15T10:00:01Z\"}";


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
