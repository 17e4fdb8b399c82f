package dev.payrail.refund;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.common.RequestIds;
import dev.payrail.event.EventTypes;
import dev.payrail.event.Outbox;
import dev.payrail.event.OutboxListener;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Refunds in PostgreSQL. The refundable amount is reserved by one conditional update — the row
 * lock serialises concurrent refunds and the CHECK constraint {@code amount_refunded <=
 * amount_captured} backs it — so the sum of refunds never exceeds the capture. Every statement
 * that writes an event returns the status it was written with, and a queued one is announced to
 * the {@link OutboxListener} once it committed.
 */
@ApplicationScoped
public class RefundStore {

    private static final String RESERVE = """
            WITH p AS (
                UPDATE payments SET amount_refunded = amount_refunded + $3, version = version + 1, updated_at = $4
                 WHERE id = $2 AND merchant_id = $5 AND status IN ('captured', 'partially_refunded')
                   AND amount_refunded + $3 <= amount_captured
                RETURNING id, currency),
            r AS (
                INSERT INTO refunds (id, merchant_id, payment_id, amount, currency, status, reason, created_at, updated_at,
                                     idempotency_key, request_fingerprint)
                SELECT $1, $5, p.id, $3, p.currency, 'pending', $6, $4, $4, $10, $11 FROM p
                RETURNING %s),
            e AS (
                INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
                SELECT $7, $5, 'refund.created', r.id, $8::text::jsonb, $4, %2$s FROM r
                RETURNING delivery_status),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $5, $5, 'refund.create', r.id, $9, $4 FROM r)
            SELECT r.*, %3$s FROM r""".formatted(Refund.COLUMNS, Outbox.initialStatus("$5", "'refund.created'"),
                Outbox.eventStatus("e"));

    private static final String SETTLE_REFUND = """
            UPDATE refunds SET status = $2, provider_reference = $3, error_code = $4, error_description = $5,
                   updated_at = $6
             WHERE id = $1 AND status = 'pending'
            RETURNING %s""".formatted(Refund.COLUMNS);

    private static final String SETTLE_PAYMENT = """
            UPDATE payments
               SET amount_refunded = amount_refunded - (CASE WHEN $2 = 'failed' THEN $3 ELSE 0 END),
                   status = CASE WHEN $2 = 'processed' AND status IN ('captured', 'partially_refunded')
                                 THEN (CASE WHEN amount_refunded = amount_captured THEN 'refunded' ELSE 'partially_refunded' END)
                                 ELSE status END,
                   version = version + 1, updated_at = $4
             WHERE id = $1
            RETURNING %s""".formatted(Payment.COLUMNS);

    private static final String INSERT_EVENT = """
            INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
            VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, %s)
            RETURNING delivery_status AS %s""".formatted(Outbox.initialStatus("$2", "$3"), Outbox.EVENT_STATUS);

    private final Pool pool;
    private final Json json;
    private final OutboxListener outbox;

    RefundStore(Pool pool, Json json, OutboxListener outbox) {
        this.pool = pool;
        this.json = json;
        this.outbox = outbox;
    }

    /** Reserves the amount and records the refund as pending; {@code null} when it does not fit. */
    public Uni<Refund> reserve(Refund r, String idempotencyKey, String requestFingerprint) {
        Object[] params = { r.id(), r.paymentId(), r.amount(), r.createdAt().atOffset(ZoneOffset.UTC), r.merchantId(),
                r.reason(), Ids.newId("evt_"), json.write(RefundView.of(r)), RequestIds.current(), idempotencyKey,
                requestFingerprint };
        return pool.preparedQuery(RESERVE).execute(Tuple.from(params)).map(rows -> outbox.written(rows, Refund::from));
    }

    /** The refund first created with this key and the fingerprint of its request, or {@code null}. */
    public Uni<Keyed> findByIdempotencyKey(String merchantId, String key) {
        return pool.preparedQuery("SELECT " + Refund.COLUMNS
                + ", request_fingerprint FROM refunds WHERE merchant_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(merchantId, key)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    return new Keyed(Refund.from(row), row.getString("request_fingerprint"));
                });
    }

    public record Keyed(Refund refund, String requestFingerprint) {
    }

    public record Settled(Refund refund, Payment payment) {
    }

    /**
     * Records the provider's answer: {@code processed} moves the payment to (partially) refunded;
     * {@code failed} releases the reserved amount. One transaction with both events.
     */
    public Uni<Settled> settle(Refund pending, String status, String providerReference, String errorCode,
            String errorDescription, Instant now) {
        var at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(conn -> conn.preparedQuery(SETTLE_REFUND)
                .execute(Tuple.from(new Object[] { pending.id(), status, providerReference, errorCode, errorDescription, at }))
                .chain(rows -> {
                    Refund refund = first(rows);
                    if (refund == null) {
                        return Uni.createFrom().<Written>nullItem();
                    }
                    return conn.preparedQuery(SETTLE_PAYMENT)
                            .execute(Tuple.of(refund.paymentId(), status, refund.amount(), at))
                            .chain(paymentRows -> {
                                Payment payment = Payment.from(paymentRows.iterator().next());
                                String refundEvent = "processed".equals(status) ? EventTypes.REFUND_PROCESSED
                                        : EventTypes.REFUND_FAILED;
                                List<Tuple> events = new java.util.ArrayList<>();
                                events.add(Tuple.from(new Object[] { Ids.newId("evt_"), refund.merchantId(), refundEvent,
                                        refund.id(), json.write(RefundView.of(refund)), at }));
                                if ("processed".equals(status)) {
                                    events.add(Tuple.from(new Object[] { Ids.newId("evt_"), refund.merchantId(),
                                            EventTypes.forPayment(payment.status()), payment.id(),
                                            json.write(PaymentView.of(payment)), at }));
                                }
                                return conn.preparedQuery(INSERT_EVENT).executeBatch(events)
                                        .map(written -> new Written(new Settled(refund, payment), anyQueued(written)));
                            });
                }))
                // withTransaction emits after the commit.
                .map(written -> {
                    if (written == null) {
                        return null;
                    }
                    if (written.queued()) {
                        outbox.queued();
                    }
                    return written.settled();
                });
    }

    /** A settlement, and whether one of its events was queued for delivery. */
    private record Written(Settled settled, boolean queued) {
    }

    /** Whether a batch of INSERT_EVENT (one row set per event, chained) queued an event. */
    private static boolean anyQueued(RowSet<Row> batch) {
        for (RowSet<Row> rs = batch; rs != null; rs = rs.next()) {
            for (Row row : rs) {
                if (Outbox.queued(row)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Keeps the provider's id of a refund still pending, so its webhook can find it. */
    public Uni<Refund> recordReference(String id, String providerReference) {
        return pool.preparedQuery("UPDATE refunds SET provider_reference = $2 WHERE id = $1 AND status = 'pending'"
                + " RETURNING " + Refund.COLUMNS)
                .execute(Tuple.of(id, providerReference)).map(RefundStore::first);
    }

    public Uni<Refund> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Refund.COLUMNS + " FROM refunds WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(RefundStore::first);
    }

    public Uni<List<Refund>> forPayment(String merchantId, String paymentId) {
        return pool.preparedQuery("SELECT " + Refund.COLUMNS
                + " FROM refunds WHERE merchant_id = $1 AND payment_id = $2 ORDER BY created_at DESC, id DESC")
                .execute(Tuple.of(merchantId, paymentId)).map(rows -> rows.stream().map(Refund::from).toList());
    }

    static Refund first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Refund.from(it.next()) : null;
    }
}
