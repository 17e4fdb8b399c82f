package dev.payrail.dashboard.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What happened to one payment, oldest first: its events and its refunds' events (the outbox rows,
 * with their payloads), every provider attempt (authorize, capture, void, refund, status queries),
 * its refunds, and every webhook delivery attempt of those events as the delivery log stored it
 * (url, response status and the first KiB of the response body, error, latency; the request's
 * signature headers are computed at sending and not stored). Merchant-scoped: another merchant's
 * payment id is not found ({@code null}), and nothing of another merchant is ever joined in.
 */
@Singleton
public class PaymentTimeline {

    public enum Kind { ATTEMPT, REFUND, EVENT, WEBHOOK_DELIVERY }

    /** One entry: when, what, its id, and its stored fields (snake_case names as in the API). */
    public record Entry(Instant at, Kind kind, String id, Map<String, Object> details) {
    }

    /** The timeline of {@code paymentId}: its entries in time order (ties: attempt, refund, event, delivery). */
    public record Timeline(String paymentId, List<Entry> entries) {
    }

    private static final String FIND = "SELECT id FROM payments WHERE id = $1 AND merchant_id = $2";

    /** $1 payment id, $2 merchant id. Every part is scoped by merchant_id itself. */
    private static final String ENTRIES = """
            WITH r AS (
                SELECT id, amount, currency, status, reason, provider_reference, error_code, error_description, created_at
                  FROM refunds WHERE payment_id = $1 AND merchant_id = $2),
            ev AS (
                SELECT id, type, object_id, payload, delivery_status, created_at FROM events
                 WHERE merchant_id = $2 AND (object_id = $1 OR object_id IN (SELECT id FROM r)))
            SELECT created_at, 0 AS rank, 'ATTEMPT' AS kind, id, jsonb_build_object('operation', operation, 'provider',
                   provider, 'outcome', outcome, 'provider_reference', provider_reference, 'latency_ms', latency_ms,
                   'error_code', error_code, 'amount', amount, 'refund_id', refund_id) AS details
              FROM payment_attempts WHERE payment_id = $1 AND merchant_id = $2
            UNION ALL
            SELECT created_at, 1, 'REFUND', id, jsonb_build_object('amount', amount, 'currency', currency, 'status', status,
                   'reason', reason, 'provider_reference', provider_reference, 'error_code', error_code,
                   'error_description', error_description)
              FROM r
            UNION ALL
            SELECT created_at, 2, 'EVENT', id, jsonb_build_object('type', type, 'object_id', object_id,
                   'delivery_status', delivery_status, 'payload', payload)
              FROM ev
            UNION ALL
            SELECT d.created_at, 3, 'WEBHOOK_DELIVERY', d.id, jsonb_build_object('event_id', d.event_id, 'event_type',
                   d.event_type, 'attempt', d.attempt, 'status', d.status, 'url', d.url, 'response_status',
                   d.response_status, 'response_body', d.response_body, 'error', d.error, 'latency_ms', d.latency_ms,
                   'next_retry_at', d.next_retry_at)
              FROM webhook_deliveries d WHERE d.merchant_id = $2 AND d.event_id IN (SELECT id FROM ev)
            ORDER BY 1, 2, 4""";

    private final Pool pool;

    PaymentTimeline(Pool pool) {
        this.pool = pool;
    }

    /** The payment's timeline; {@code null} when the merchant has no such payment. */
    public Uni<Timeline> of(String merchantId, String paymentId) {
        Tuple args = Tuple.of(paymentId, merchantId);
        return pool.preparedQuery(FIND).execute(args).chain(found -> {
            if (!found.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
            }
            return pool.preparedQuery(ENTRIES).execute(args).map(rows -> new Timeline(paymentId, rows.stream()
                    .map(r -> new Entry(r.getOffsetDateTime("created_at").toInstant(), Kind.valueOf(r.getString("kind")),
                            r.getString("id"), ((JsonObject) r.getValue("details")).getMap()))
                    .toList()));
        });
    }
}
