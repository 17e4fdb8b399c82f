package dev.payrail.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.common.SqlQuery;
import dev.payrail.event.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The delivery queue (outbox events with a delivery state) and the delivery log. Claims use
 * {@code FOR UPDATE SKIP LOCKED} and a lease ({@code next_attempt_at} moves past the lease), so
 * any number of dispatchers share the queue without double work, and the claims of a dispatcher
 * that died come back after the lease.
 */
@Singleton
public class WebhookDeliveryStore {

    /**
     * $1 batch size, $2 lease in seconds, $3 events per merchant per claim. Events of merchants
     * without an enabled endpoint for their type are marked skipped in the same statement. The first
     * attempt of an event with a {@code first_attempt_url} (the test-mode cockpit's simulated
     * failure) goes there; every other attempt to the merchant's endpoint.
     */
    private static final String CLAIM = """
            WITH c AS (
                SELECT e.id FROM events e
                 WHERE e.delivery_status = 'pending' AND e.next_attempt_at <= now()
                   AND e.id IN (SELECT w.id FROM (
                           SELECT id, row_number() OVER (PARTITION BY merchant_id ORDER BY next_attempt_at) AS rn
                             FROM events WHERE delivery_status = 'pending' AND next_attempt_at <= now()) w
                        WHERE w.rn <= $3)
                 ORDER BY e.next_attempt_at
                 LIMIT $1
                   FOR UPDATE OF e SKIP LOCKED),
            d AS (
                SELECT c.id AS claimed_id,
                       (%s) AS deliverable,
                       m.id AS endpoint_merchant_id,
                       CASE WHEN ev.delivery_attempts = 0 AND ev.first_attempt_url IS NOT NULL THEN ev.first_attempt_url
                            ELSE m.webhook_url END AS webhook_url,
                       m.webhook_events, m.webhook_enabled,
                       m.webhook_disabled_reason, m.webhook_secret, m.webhook_previous_secret,
                       m.webhook_previous_secret_expires_at, coalesce(m.webhook_updated_at, m.updated_at) AS webhook_updated_at
                  FROM c JOIN events ev ON ev.id = c.id JOIN merchants m ON m.id = ev.merchant_id)
            UPDATE events e
               SET delivery_status = CASE WHEN d.deliverable THEN 'pending' ELSE 'skipped' END,
                   next_attempt_at = CASE WHEN d.deliverable THEN now() + make_interval(secs => $2) END
              FROM d
             WHERE e.id = d.claimed_id
            RETURNING e.id AS event_id, e.merchant_id, e.type, e.created_at,
                      CASE WHEN jsonb_typeof(e.payload) = 'string' THEN e.payload #>> '{}' ELSE e.payload::text END AS payload,
                      e.delivery_attempts, e.delivery_max_attempts, d.*""".formatted(Outbox.deliverable("m", "ev.type"));

    private static final String RECORD = """
            WITH e AS (
                UPDATE events SET delivery_status = $2, delivery_attempts = $3, next_attempt_at = $4, delivered_at = $5
                 WHERE id = $1
                RETURNING id, merchant_id, type)
            INSERT INTO webhook_deliveries (id, merchant_id, event_id, event_type, attempt, status, url, response_status,
                                            response_body, error, latency_ms, next_retry_at, created_at,
                                            request_headers, request_body, response_headers)
            SELECT $6, e.merchant_id, e.id, e.type, $3, $7, $8, $9, $10, $11, $12, $4, $13, $14, $15, $16
              FROM e""";

    private final Pool pool;
    private final SecretCipher cipher;

    WebhookDeliveryStore(Pool pool, SecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    public Uni<List<ClaimedEvent>> claim(int batch, Duration lease, int perMerchant, int defaultMaxAttempts) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(batch, lease.toMillis() / 1000.0, perMerchant))
                .map(rows -> {
                    List<ClaimedEvent> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        boolean deliverable = Boolean.TRUE.equals(r.getBoolean("deliverable"));
                        Integer max = r.getInteger("delivery_max_attempts");
                        claimed.add(new ClaimedEvent(r.getString("event_id"), r.getString("merchant_id"),
                                r.getString("type"), r.getString("payload"), r.getOffsetDateTime("created_at").toInstant(),
                                r.getInteger("delivery_attempts") + 1, max == null ? defaultMaxAttempts : max, deliverable,
                                deliverable ? endpoint(r) : null));
                    }
                    return claimed;
                });
    }

    private WebhookEndpoint endpoint(Row r) {
        String[] events = r.getArrayOfStrings("webhook_events");
        var until = r.getOffsetDateTime("webhook_previous_secret_expires_at");
        var updated = r.getOffsetDateTime("webhook_updated_at");
        return new WebhookEndpoint(r.getString("endpoint_merchant_id"), r.getString("webhook_url"),
                events == null ? null : Arrays.asList(events), r.getBoolean("webhook_enabled"),
                r.getString("webhook_disabled_reason"), cipher.open(r.getString("webhook_secret")),
                cipher.open(r.getString("webhook_previous_secret")), until == null ? null : until.toInstant(),
                updated == null ? null : updated.toInstant());
    }

    /** Gives claimed events back without an attempt, due after {@code after} (their endpoint was at its concurrency cap). */
    public Uni<Void> release(List<String> eventIds, Duration after) {
        return pool.preparedQuery("""
                UPDATE events SET next_attempt_at = now() + make_interval(secs => $2)
                 WHERE id = ANY ($1) AND delivery_status = 'pending'""")
                .execute(Tuple.of(eventIds.toArray(String[]::new), after.toMillis() / 1000.0)).replaceWithVoid();
    }

    /** What one attempt did, and what becomes of the event. */
    public record Attempt(ClaimedEvent event, String status, Integer responseStatus, String responseBody, String error,
            int latencyMs, Instant nextRetryAt, Instant at, Exchange exchange) {

        public Attempt(ClaimedEvent event, String status, Integer responseStatus, String responseBody, String error,
                int latencyMs, Instant nextRetryAt, Instant at) {
            this(event, status, responseStatus, responseBody, error, latencyMs, nextRetryAt, at, Exchange.NONE);
        }

        /** The event's delivery status after this attempt. */
        String eventStatus() {
            if ("succeeded".equals(status)) {
                return "delivered";
            }
            return nextRetryAt == null ? "failed" : "pending";
        }
    }

    public Uni<Void> record(Attempt a) {
        var at = a.at().atOffset(ZoneOffset.UTC);
        Object[] params = { a.event().id(), a.eventStatus(), a.event().attempt(),
                a.nextRetryAt() == null ? null : a.nextRetryAt().atOffset(ZoneOffset.UTC),
                "succeeded".equals(a.status()) ? at : null, Ids.newId("whd_"), a.status(), a.event().endpoint().url(),
                a.responseStatus(), a.responseBody(), a.error(), a.latencyMs(), at,
                a.exchange().requestHeadersJson(), a.exchange().requestBody(), a.exchange().responseHeaders() };
        return pool.preparedQuery(RECORD).execute(Tuple.from(params)).replaceWithVoid();
    }

    /**
     * Queues an event for one more attempt now (manual retry). {@code null} when there is no such
     * event of this merchant; {@code false} when it is already queued.
     */
    public Uni<Boolean> requeue(String merchantId, String eventId) {
        return pool.preparedQuery("""
                WITH ev AS (SELECT id, delivery_status FROM events WHERE id = $1 AND merchant_id = $2),
                u AS (
                    UPDATE events e SET delivery_status = 'pending', next_attempt_at = now(),
                           delivery_max_attempts = e.delivery_attempts + 1
                      FROM ev WHERE e.id = ev.id AND ev.delivery_status <> 'pending'
                    RETURNING e.id)
                SELECT ev.id, (SELECT count(*) FROM u) AS queued FROM ev""")
                .execute(Tuple.of(eventId, merchantId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? it.next().getLong("queued") > 0 : null;
                });
    }

    /** What one attempt of this merchant sent and got back (the dashboard's detail), or {@code null}. */
    public Uni<Exchange> exchange(String merchantId, String id) {
        return pool.preparedQuery("SELECT request_headers::text AS request_headers, request_body, response_headers"
                + " FROM webhook_deliveries WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return Exchange.of(r.getString("request_headers"), r.getString("request_body"),
                            r.getString("response_headers"));
                });
    }

    public Uni<WebhookDelivery> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + WebhookDelivery.COLUMNS
                + " FROM webhook_deliveries WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId))
                .map(rows -> rows.iterator().hasNext() ? WebhookDelivery.from(rows.iterator().next()) : null);
    }

    public Uni<List<WebhookDelivery>> list(String merchantId, String status, String eventType, String eventId,
            String startingAfter, int fetch) {
        return list(merchantId, null, status, eventType, eventId, startingAfter, fetch);
    }

    /** {@link #list(String, String, String, String, String, int)} also filtered by the {@code url} delivered to. */
    public Uni<List<WebhookDelivery>> list(String merchantId, String url, String status, String eventType, String eventId,
            String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId)
                .andIf(url != null, "url = ?", url)
                .andIf(status != null, "status = ?", status)
                .andIf(eventType != null, "event_type = ?", eventType)
                .andIf(eventId != null, "event_id = ?", eventId)
                .after("webhook_deliveries", startingAfter, merchantId);
        String sql = "SELECT " + WebhookDelivery.COLUMNS + " FROM webhook_deliveries" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch);
        return pool.preparedQuery(sql).execute(q.tuple())
                .map(rows -> rows.stream().map(WebhookDelivery::from).toList());
    }

    /**
     * The urls of this merchant's latest 1000 deliveries, most recently used first (at most
     * {@code limit}): bounded by the merchant's newest-first index, however long the log.
     */
    public Uni<List<String>> urls(String merchantId, int limit) {
        return pool.preparedQuery("""
                SELECT url FROM (SELECT url, created_at FROM webhook_deliveries WHERE merchant_id = $1
                                  ORDER BY created_at DESC, id DESC LIMIT 1000) recent
                 GROUP BY url ORDER BY max(created_at) DESC, url LIMIT $2""")
                .execute(Tuple.of(merchantId, limit))
                .map(rows -> rows.stream().map(r -> r.getString("url")).toList());
    }

    /** Queue depth and the age in seconds of the oldest pending event (0 when empty). */
    public Uni<long[]> backlog() {
        return pool.query("""
                SELECT count(*) AS depth, coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS age
                  FROM events WHERE delivery_status = 'pending'""").execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new long[] { r.getLong("depth"), r.getLong("age") };
                });
    }
}
