package dev.payrail.refund;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.common.NamedSql;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Refunds in PostgreSQL. Amounts are kept apart: {@code amount_refund_pending} holds the
 * reservations of pending refunds, {@code amount_refunded} what the provider settled, and the
 * payment's status follows the settled amount only. A refund's amount is reserved by one
 * conditional update — the row lock serialises concurrent refunds and the CHECK constraint
 * {@code amount_refunded + amount_refund_pending <= amount_captured} backs it — in the same
 * statement as the refund, its attempt, its event and its audit row. A failed refund releases
 * exactly its reservation. Every statement is scoped to the merchant.
 */
@Singleton
public class RefundStore {

    private static final NamedSql RESERVE = NamedSql.of("""
            WITH p AS (
                UPDATE payments SET amount_refund_pending = amount_refund_pending + :amount, version = version + 1,
                       updated_at = :at
                 WHERE id = :payment_id AND merchant_id = :merchant_id AND status IN ('captured', 'partially_refunded')
                   AND amount_refunded + amount_refund_pending + :amount <= amount_captured
                RETURNING id, currency),
            r AS (
                INSERT INTO refunds (id, merchant_id, payment_id, amount, currency, status, reason, created_at, updated_at,
                                     idempotency_key, request_fingerprint, next_check_at)
                SELECT :id, :merchant_id, p.id, :amount, p.currency, 'pending', :reason, :at, :at,
                       :idempotency_key, :request_fingerprint, :next_check_at FROM p
                RETURNING %s),
            att AS (
                INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                              outcome, refund_id, amount, created_at, updated_at)
                SELECT :attempt_id, r.payment_id, :merchant_id, :provider, :attempt_key, 'refund', 'in_flight', r.id,
                       r.amount, :at, :at FROM r),
            e AS (
                INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
                SELECT :event_id, :merchant_id, 'refund.created', r.id, :event_payload::text::jsonb, :at, %s FROM r
                RETURNING delivery_status),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', :merchant_id, :merchant_id, 'refund.create', r.id, :request_id, :at FROM r)
            SELECT r.*, %s FROM r""".formatted(Refund.COLUMNS, Outbox.initialStatus(":merchant_id", "'refund.created'"),
            Outbox.eventStatus("e")));

    /**
     * A settled refund's refund call that never got its answer stored (the process died during the call,
     * or the answer was lost): it is finished with the outcome the refund settled to, so no attempt stays
     * in flight. A live call that answers later still writes its own answer over it ({@link #SAVE_ATTEMPT}).
     */
    private static final String FINISH_UNANSWERED_CALL = """
            UPDATE payment_attempts SET outcome = $3, updated_at = $4
             WHERE refund_id = $1 AND merchant_id = $2 AND operation = 'refund' AND outcome = 'in_flight'""";

    /** Writes an attempt's answer: inserted (a status query) or updated (the refund call, written before it). */
    private static final String SAVE_ATTEMPT = """
            INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                          outcome, provider_reference, latency_ms, error_code, refund_id, amount,
                                          created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome, provider_reference = excluded.provider_reference,
                   latency_ms = excluded.latency_ms, error_code = excluded.error_code, updated_at = excluded.updated_at""";

    private static final String SETTLE_REFUND = """
            UPDATE refunds SET status = $2, provider_reference = coalesce($3, provider_reference), error_code = $4,
                   error_description = $5, updated_at = $6
             WHERE id = $1 AND merchant_id = $7 AND status = 'pending'
            RETURNING %s""".formatted(Refund.COLUMNS);

    /** Processed: the reservation becomes refunded, and the status follows the settled amount. */
    private static final String PROCESS_PAYMENT = """
            UPDATE payments
               SET amount_refund_pending = amount_refund_pending - $3, amount_refunded = amount_refunded + $3,
                   status = CASE WHEN status IN ('captured', 'partially_refunded')
                                 THEN (CASE WHEN amount_refunded + $3 = amount_captured THEN 'refunded'
                                            ELSE 'partially_refunded' END)
                                 ELSE status END,
                   version = version + 1, updated_at = $4
             WHERE id = $1 AND merchant_id = $2
            RETURNING %s""".formatted(Payment.COLUMNS);

    /** Failed: exactly the refund's reservation is released; the status is unchanged. */
    private static final String RELEASE_PAYMENT = """
            UPDATE payments SET amount_refund_pending = amount_refund_pending - $3, version = version + 1, updated_at = $4
             WHERE id = $1 AND merchant_id = $2
            RETURNING %s""".formatted(Payment.COLUMNS);

    private static final String KEEP_PENDING = """
            UPDATE refunds SET provider_reference = coalesce($3, provider_reference),
                   next_check_at = coalesce($4, next_check_at), updated_at = $5
             WHERE id = $1 AND merchant_id = $2 AND status = 'pending'
            RETURNING %s""".formatted(Refund.COLUMNS);

    private static final String INSERT_EVENT = """
            INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
            VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, %s)
            RETURNING delivery_status AS %s""".formatted(Outbox.initialStatus("$2", "$3"), Outbox.EVENT_STATUS);

    /** Pending refunds due for a check, each pushed to its next check time (the lease); any pod. */
    private static final String CLAIM_DUE = """
            WITH c AS (
                SELECT id FROM refunds
                 WHERE status = 'pending'
                   AND coalesce(next_check_at, created_at + make_interval(secs => $2)) <= now()
                 ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            UPDATE refunds r
               SET next_check_at = now() + make_interval(secs => $3 * power(2, least(r.check_attempts, 8))),
                   check_attempts = r.check_attempts + 1
              FROM c WHERE r.id = c.id
            RETURNING %s""".formatted(prefixed("r.", Refund.COLUMNS));

    private final Pool pool;
    private final Json json;
    private final OutboxListener outbox;

    RefundStore(Pool pool, Json json, OutboxListener outbox) {
        this.pool = pool;
        this.json = json;
        this.outbox = outbox;
    }

    /** What a refund became. */
    enum Settlement {
        PROCESSED("processed", EventTypes.REFUND_PROCESSED),
        FAILED("failed", EventTypes.REFUND_FAILED);

        final String status;
        final String event;

        Settlement(String status, String event) {
            this.status = status;
            this.event = event;
        }
    }

    /**
     * Reserves the amount and records the refund as pending with its attempt (in flight), event and
     * audit row: one statement. {@code null} when the amount no longer fits or the payment is no
     * longer refundable.
     */
    Uni<Refund> reserve(Refund r, RefundAttempt attempt, String idempotencyKey, String requestFingerprint,
            Instant firstCheck) {
        OffsetDateTime at = r.createdAt().atOffset(ZoneOffset.UTC);
        String eventId = Ids.newId("evt_");
        String payload = json.write(RefundView.of(r));
        String requestId = RequestIds.current();
        return pool.preparedQuery(RESERVE.sql()).execute(RESERVE.tuple(name -> switch (name) {
            case "id" -> r.id();
            case "payment_id" -> r.paymentId();
            case "merchant_id" -> r.merchantId();
            case "amount" -> r.amount();
            case "reason" -> r.reason();
            case "at" -> at;
            case "idempotency_key" -> idempotencyKey;
            case "request_fingerprint" -> requestFingerprint;
            case "next_check_at" -> firstCheck.atOffset(ZoneOffset.UTC);
            case "attempt_id" -> attempt.id();
            case "provider" -> attempt.provider();
            case "attempt_key" -> attempt.providerKey();
            case "event_id" -> eventId;
            case "event_payload" -> payload;
            case "request_id" -> requestId;
            default -> throw new IllegalArgumentException(name);
        })).map(rows -> outbox.written(rows, Refund::from));
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
     * Records a settlement that came without a provider call of ours (a provider webhook):
     * {@code processed} or {@code failed}. {@code null} when the refund was no longer pending.
     */
    public Uni<Settled> settle(Refund pending, String status, String providerReference, String errorCode,
            String errorDescription, Instant now) {
        Settlement s = "processed".equals(status) ? Settlement.PROCESSED : Settlement.FAILED;
        return settle(pending, s, providerReference, errorCode, errorDescription, null, now);
    }

    /**
     * Records what the refund became, with the attempt that learned it, in one transaction:
     * processed moves the reservation to the refunded amount and the payment to (partially)
     * refunded; failed releases the reservation. Writes the refund's event (and the payment's, when
     * processed). {@code null} when the refund was no longer pending (the attempt is still saved).
     */
    Uni<Settled> settle(Refund pending, Settlement s, String providerReference, String errorCode,
            String errorDescription, RefundAttempt attempt, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(conn -> saveAttempt(conn, attempt, now)
                .chain(() -> conn.preparedQuery(SETTLE_REFUND).execute(Tuple.from(new Object[] { pending.id(), s.status,
                        providerReference, errorCode, errorDescription, at, pending.merchantId() })))
                .chain(rows -> {
                    Refund refund = first(rows);
                    if (refund == null) {
                        return Uni.createFrom().<Written>nullItem();
                    }
                    String sql = s == Settlement.PROCESSED ? PROCESS_PAYMENT : RELEASE_PAYMENT;
                    String callOutcome = s == Settlement.PROCESSED ? "succeeded" : "declined";
                    return conn.preparedQuery(FINISH_UNANSWERED_CALL)
                            .execute(Tuple.of(refund.id(), refund.merchantId(), callOutcome, at))
                            .chain(() -> conn.preparedQuery(sql)
                                    .execute(Tuple.of(refund.paymentId(), refund.merchantId(), refund.amount(), at)))
                            .chain(paymentRows -> {
                                Payment payment = Payment.from(paymentRows.iterator().next());
                                List<Tuple> events = new ArrayList<>();
                                events.add(Tuple.from(new Object[] { Ids.newId("evt_"), refund.merchantId(), s.event,
                                        refund.id(), json.write(RefundView.of(refund)), at }));
                                if (s == Settlement.PROCESSED) {
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

    /**
     * The refund stays pending: saves the attempt, the provider's refund id when it gave one, and
     * (when given) the time of the next check. The current refund, or {@code null} when it is no
     * longer pending.
     */
    Uni<Refund> keepPending(Refund pending, String providerReference, RefundAttempt attempt, Instant nextCheck,
            Instant now) {
        return pool.withTransaction(conn -> saveAttempt(conn, attempt, now)
                .chain(() -> conn.preparedQuery(KEEP_PENDING).execute(Tuple.from(new Object[] { pending.id(),
                        pending.merchantId(), providerReference,
                        nextCheck == null ? null : nextCheck.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC) })))
                .map(RefundStore::first));
    }

    private static Uni<Void> saveAttempt(SqlConnection conn, RefundAttempt a, Instant now) {
        if (a == null) {
            return Uni.createFrom().voidItem();
        }
        Refund r = a.refund();
        return conn.preparedQuery(SAVE_ATTEMPT).execute(Tuple.from(new Object[] { a.id(), r.paymentId(), r.merchantId(),
                a.provider(), a.providerKey(), a.operation(), a.outcome(), a.providerReference(), a.latencyMs(),
                a.errorCode(), r.id(), r.amount(), a.createdAt().atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC) }))
                .replaceWithVoid();
    }

    /** Claims up to {@code limit} pending refunds due for a status query (see {@link RefundSettler}). */
    Uni<List<Refund>> claimDue(int limit, Duration firstCheckAfter, Duration interval) {
        return pool.preparedQuery(CLAIM_DUE)
                .execute(Tuple.of(limit, firstCheckAfter.toMillis() / 1000.0, interval.toMillis() / 1000.0))
                .map(rows -> rows.stream().map(Refund::from).toList());
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

    public Uni<Refund> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Refund.COLUMNS + " FROM refunds WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(RefundStore::first);
    }

    public Uni<List<Refund>> forPayment(String merchantId, String paymentId) {
        return pool.preparedQuery("SELECT " + Refund.COLUMNS
                + " FROM refunds WHERE merchant_id = $1 AND payment_id = $2 ORDER BY created_at DESC, id DESC")
                .execute(Tuple.of(merchantId, paymentId)).map(rows -> rows.stream().map(Refund::from).toList());
    }

    /** The refunds of several payments of one merchant in one query (GraphQL batch loading), newest first. */
    public Uni<List<Refund>> forPayments(String merchantId, List<String> paymentIds) {
        return pool.preparedQuery("SELECT " + Refund.COLUMNS
                + " FROM refunds WHERE merchant_id = $1 AND payment_id = ANY($2) ORDER BY created_at DESC, id DESC")
                .execute(Tuple.of(merchantId, paymentIds.toArray(String[]::new)))
                .map(rows -> rows.stream().map(Refund::from).toList());
    }

    /** A page of the merchant's refunds, newest first, optionally of one payment and one status. */
    public Uni<List<Refund>> list(String merchantId, String paymentId, String status, String startingAfter, int fetch) {
        dev.payrail.common.SqlQuery q = new dev.payrail.common.SqlQuery().and("merchant_id = ?", merchantId)
                .andIf(paymentId != null, "payment_id = ?", paymentId)
                .andIf(status != null, "status = ?", status)
                .after("refunds", startingAfter, merchantId);
        String sql = "SELECT " + Refund.COLUMNS + " FROM refunds" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch);
        return pool.preparedQuery(sql).execute(q.tuple()).map(rows -> rows.stream().map(Refund::from).toList());
    }

    static Refund first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Refund.from(it.next()) : null;
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(",\\s*"));
    }
}
