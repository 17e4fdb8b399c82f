package dev.payrail.webhook;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.event.EventTypes;
import dev.payrail.event.Outbox;
import dev.payrail.event.OutboxListener;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends a {@code webhook.test} event to the merchant's endpoint, for the API
 * ({@code POST /api/v1/webhook-endpoint/test}) and the dashboard's "Send a test event" alike. It is an
 * ordinary outbox event: the dispatcher delivers it signed like every other event, retries it on the
 * same schedule, and each attempt is in the delivery log. Every enabled endpoint takes it, whatever its
 * event types ({@link Outbox#deliverable}); without an enabled endpoint nothing is written and the
 * answer is a {@code 409}.
 */
@Singleton
public class WebhookTestEvents {

    /** A test event written and queued for delivery. */
    public record Sent(String eventId, Instant createdAt) {
    }

    private static final String INSERT = """
            INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status, first_attempt_url)
            SELECT $1, m.id, $3, m.id, $4::text::jsonb, $5, 'pending', $6 FROM merchants m
             WHERE m.id = $2 AND %s
            RETURNING delivery_status AS %s""".formatted(Outbox.deliverable("m", "$3"), Outbox.EVENT_STATUS);

    private final Pool pool;
    private final Json json;
    private final OutboxListener outbox;

    WebhookTestEvents(Pool pool, Json json, OutboxListener outbox) {
        this.pool = pool;
        this.json = json;
        this.outbox = outbox;
    }

    /** A test event requested from {@code source} ({@code api} or {@code dashboard}). */
    public Uni<Sent> send(String merchantId, String source) {
        return send(merchantId, source, null);
    }

    /**
     * A test event whose first attempt goes to {@code firstAttemptUrl} instead of the endpoint when
     * given: the test-mode cockpit's simulated failure (a sandbox receiver that answers 500). Its
     * retries, automatic or manual, go to the endpoint.
     */
    public Uni<Sent> send(String merchantId, String source, String firstAttemptUrl) {
        String id = Ids.newId("evt_");
        Instant now = Instant.now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("object", "webhook_test");
        data.put("source", source);
        data.put("simulated_failure", firstAttemptUrl != null);
        data.put("message", firstAttemptUrl == null
                ? "A test event from Payrail: your endpoint receives and verifies webhooks."
                : "A test event from Payrail's test-mode cockpit: its first attempt went to a receiver that fails, "
                        + "this retry reached your endpoint.");
        Object[] params = { id, merchantId, EventTypes.WEBHOOK_TEST, json.write(data), now.atOffset(ZoneOffset.UTC),
                firstAttemptUrl };
        return pool.preparedQuery(INSERT).execute(Tuple.from(params)).map(rows -> {
            Sent sent = outbox.written(rows, r -> new Sent(id, now));
            if (sent == null) {
                throw new ApiException(409, "INVALID_STATE",
                        "There is no enabled webhook endpoint to send a test event to: set its URL and enable deliveries.",
                        null);
            }
            return sent;
        });
    }
}
