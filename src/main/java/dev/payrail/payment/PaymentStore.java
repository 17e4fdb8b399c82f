package dev.payrail.payment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.payrail.audit.Actor;
import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.common.RequestIds;
import dev.payrail.common.SqlQuery;
import dev.payrail.event.EventTypes;
import dev.payrail.event.Outbox;
import dev.payrail.event.OutboxListener;
import dev.payrail.order.Order;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Payments in PostgreSQL. Each state change is one SQL statement — the row, its outbox event and
 * the audit record in data-modifying CTEs — so it is one atomic transaction and one round trip.
 * Changes are conditional on the version the caller read, so a concurrent change is detected
 * instead of overwritten. A statement that queued its event for delivery says so in its result
 * ({@link Outbox#EVENT_STATUS}), and the {@link OutboxListener} hears of it once it committed.
 */
@ApplicationScoped
public class PaymentStore {

    /**
     * The payment, its event and audit row; with {@code $<queueParam>} true also the job that
     * processes it asynchronously ({@code Prefer: respond-async}).
     */
    private static String insertPayment(int queueParam) {
        return """
            p AS (
                INSERT INTO payments (id, merchant_id, order_id, amount, currency, status, method, method_details,
                                      capture_method, provider, metadata, idempotency_key, request_fingerprint, version,
                                      created_at, updated_at, reconcile_after)
                SELECT $1, $2, o.id, $3, $4, 'processing', $5, $6, $7, $8, $9, $10, $19, 1, $11, $11, $18 FROM o
                RETURNING %1$s),
            e AS (
                INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
                SELECT $12, $2, 'payment.created', p.id, $13::text::jsonb, $11, %3$s FROM p
                RETURNING delivery_status),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $2, $2, 'payment.create', p.id, $14, $11 FROM p),
            t AS (
                INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                              outcome, created_at, updated_at)
                SELECT $16, p.id, $2, $8, $17, 'authorize', 'in_flight', $11, $11 FROM p WHERE $16::varchar IS NOT NULL),
            j AS (
                INSERT INTO payment_jobs (payment_id, merchant_id, run_at, created_at)
                SELECT p.id, p.merchant_id, $11, $11 FROM p WHERE $%2$d::boolean)
            SELECT p.*, %4$s FROM p""".formatted(Payment.COLUMNS, queueParam, Outbox.initialStatus("$2", "'payment.created'"),
                Outbox.eventStatus("e"));
    }

    /** $15 is the order id; the order must not be paid yet. */
    private static final String INSERT_FOR_ORDER = """
            WITH o AS (
                UPDATE orders SET status = 'attempted', attempts = attempts + 1, updated_at = $11
                 WHERE id = $15 AND merchant_id = $2 AND status <> 'paid'
                RETURNING id),
            """ + insertPayment(20);

    /** $15 is the new order's id: the order is created in the same statement as the payment. */
    static final String INSERT_WITH_ORDER = """
            WITH o AS (
                INSERT INTO orders (id, merchant_id, amount, currency, receipt, status, attempts, created_at, updated_at)
                VALUES ($15, $2, $3, $4, $21, 'attempted', 1, $11, $11)
                RETURNING id),
            """ + insertPayment(20);

    static final String APPLY_CHANGE = """
            WITH p AS (
                UPDATE payments SET status = $3, provider_reference = $4, amount_authorized = $5, amount_captured = $6,
                       error_code = $7, error_description = $8, decline_code = $9, next_action = $10,
                       version = $11, updated_at = $12, reconcile_after = $29
                 WHERE id = $1 AND merchant_id = $2 AND version = $11 - 1
                RETURNING %s),
            t AS (
                INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                              outcome, provider_reference, latency_ms, error_code, created_at, updated_at)
                SELECT $21, $1, $2, $22, $23, $24, $25, $28, $26, $27, $12, $12 WHERE $21::varchar IS NOT NULL
                ON CONFLICT (id) DO UPDATE SET outcome = EXCLUDED.outcome, provider_reference = EXCLUDED.provider_reference,
                       latency_ms = EXCLUDED.latency_ms, error_code = EXCLUDED.error_code, updated_at = EXCLUDED.updated_at),
            o AS (
                UPDATE orders SET status = $13, updated_at = $12
                 WHERE $13::varchar IS NOT NULL AND id = (SELECT order_id FROM p) AND merchant_id = $2),
            e AS (
                INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
                SELECT $14, $2, $15, p.id, $16::text::jsonb, $12, %2$s FROM p WHERE $15::varchar IS NOT NULL
                RETURNING delivery_status),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT $17, $18, $2, $19, p.id, $20, $12 FROM p WHERE $19::varchar IS NOT NULL)
            SELECT p.*, %3$s FROM p""".formatted(Payment.COLUMNS, Outbox.initialStatus("$2", "$15"), Outbox.eventStatus("e"));

    private final Pool pool;
    private final Json json;
    private final OutboxListener outbox;

    PaymentStore(Pool pool, Json json, OutboxListener outbox) {
        this.pool = pool;
        this.json = json;
        this.outbox = outbox;
    }

    /**
     * Inserts a new payment as {@code processing} with its {@code payment.created} event. With
     * {@code newOrder} the order is created in the same statement; otherwise the existing order
     * {@code p.orderId()} is marked attempted. A {@code null} item means the order is already paid.
     */
    public Uni<Payment> insert(Payment p, Order newOrder) {
        return insert(p, newOrder, null, null, null, false);
    }

    /**
     * Inserts the payment with its first attempt, written {@code in_flight} before the call, and
     * when the reconciler should look at the payment if no answer is ever stored (the process died
     * during the call; storing any answer clears it). {@code requestFingerprint} is kept with the
     * idempotency key; with {@code queue} a {@code payment_jobs} row is written in the same
     * statement for asynchronous processing.
     */
    public Uni<Payment> insert(Payment p, Order newOrder, PaymentAttempt attempt, Instant reconcileIfStuck,
            String requestFingerprint, boolean queue) {
        OffsetDateTime at = p.createdAt().atOffset(ZoneOffset.UTC);
        Object[] params = new Object[newOrder == null ? 20 : 21];
        params[0] = p.id();
        params[1] = p.merchantId();
        params[2] = p.amount();
        params[3] = p.currency();
        params[4] = p.method().jsonName();
        params[5] = new JsonObject(p.methodDetails());
        params[6] = p.captureMethod();
        params[7] = p.provider();
        params[8] = p.metadata() == null ? null : new JsonObject(p.metadata());
        params[9] = p.idempotencyKey();
        params[10] = at;
        params[11] = Ids.newId("evt_");
        params[12] = json.write(PaymentView.of(p));
        params[13] = RequestIds.current();
        params[14] = p.orderId();
        params[15] = attempt == null ? null : attempt.id();
        params[16] = attempt == null ? null : attempt.providerKey();
        params[17] = reconcileIfStuck == null ? null : reconcileIfStuck.atOffset(ZoneOffset.UTC);
        params[18] = requestFingerprint;
        params[19] = queue;
        if (newOrder != null) {
            params[20] = newOrder.receipt();
        }
        return pool.preparedQuery(newOrder == null ? INSERT_FOR_ORDER : INSERT_WITH_ORDER)
                .execute(Tuple.from(params))
                .map(this::written);
    }

    /**
     * Writes {@code after} if the row is still at {@code after.version() - 1}, with an event of
     * {@code eventType} (none when {@code null}), the order's new status (unchanged when
     * {@code null}) and an audit record when {@code action} is given. A {@code null} item means
     * the payment changed meanwhile.
     */
    public Uni<Payment> apply(Payment after, String eventType, String orderStatus, Actor actor, String action) {
        return apply(after, eventType, orderStatus, actor, action, null, null);
    }

    /**
     * {@link #apply(Payment, String, String, Actor, String)} that also records an attempt (inserted,
     * or updated with its outcome when it was written before the call) and, for a payment whose
     * outcome became unknown, when the reconciler should first ask the provider.
     */
    public Uni<Payment> apply(Payment after, String eventType, String orderStatus, Actor actor, String action,
            PaymentAttempt attempt, Instant reconcileAfter) {
        Object[] params = {
                after.id(), after.merchantId(), after.status().dbName(), after.providerReference(),
                after.amountAuthorized(), after.amountCaptured(), after.errorCode(), after.errorDescription(),
                after.declineCode(), after.nextAction() == null ? null : new JsonObject(after.nextAction()),
                after.version(), after.updatedAt().atOffset(ZoneOffset.UTC), orderStatus,
                Ids.newId("evt_"), eventType, eventType == null ? null : json.write(PaymentView.of(after)),
                actor == null ? null : actor.type(), actor == null ? null : actor.id(), action, RequestIds.current(),
                attempt == null ? null : attempt.id(), attempt == null ? null : attempt.provider(),
                attempt == null ? null : attempt.providerKey(), attempt == null ? null : attempt.operation(),
                attempt == null ? null : attempt.outcome(), attempt == null ? null : attempt.latencyMs(),
                attempt == null ? null : attempt.errorCode(), attempt == null ? null : attempt.providerReference(),
                reconcileAfter == null ? null : reconcileAfter.atOffset(ZoneOffset.UTC) };
        return pool.preparedQuery(APPLY_CHANGE).execute(Tuple.from(params)).map(this::written);
    }

    /** {@link #apply} with the event named after the new status. */
    public Uni<Payment> transition(Payment after, String orderStatus, Actor actor, String action) {
        return transition(after, orderStatus, actor, action, null, null);
    }

    /** {@link #transition(Payment, String, Actor, String)} recording an attempt (see the long {@link #apply}). */
    public Uni<Payment> transition(Payment after, String orderStatus, Actor actor, String action, PaymentAttempt attempt,
            Instant reconcileAfter) {
        String event = after.status() == PaymentStatus.UNKNOWN ? null : EventTypes.forPayment(after.status());
        return apply(after, event, orderStatus, actor, action, attempt, reconcileAfter);
    }

    private static final String FAILOVER = """
            WITH p AS (
                UPDATE payments SET provider = $3, version = version + 1, updated_at = $4
                 WHERE id = $1 AND merchant_id = $2 AND version = $5 AND status = 'processing'
                RETURNING %s),
            prev AS (
                UPDATE payment_attempts SET outcome = 'not_sent', latency_ms = $6, error_code = $7, updated_at = $4
                 WHERE id = $8 AND payment_id = $1),
            t AS (
                INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                              outcome, created_at, updated_at)
                SELECT $9, p.id, $2, $3, $10, 'authorize', 'in_flight', $4, $4 FROM p)
            SELECT * FROM p""".formatted(Payment.COLUMNS);

    /**
     * The attempt {@code failed} provably did not reach its provider: records it, moves the payment
     * to the next provider and writes the {@code next} attempt before it is made — one statement.
     * A {@code null} item means the payment changed meanwhile.
     */
    public Uni<Payment> failover(Payment p, PaymentAttempt failed, PaymentAttempt next) {
        Instant now = now();
        return pool.preparedQuery(FAILOVER).execute(Tuple.from(new Object[] { p.id(), p.merchantId(), next.provider(),
                now.atOffset(ZoneOffset.UTC), p.version(), failed.latencyMs(), failed.errorCode(), failed.id(), next.id(),
                next.providerKey() })).map(PaymentStore::first);
    }

    /** Records an attempt that changed nothing on the payment (a refused capture or void). */
    public Uni<Void> recordAttempt(PaymentAttempt a) {
        return pool.preparedQuery("""
                INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                              outcome, provider_reference, latency_ms, error_code, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)""")
                .execute(Tuple.from(new Object[] { a.id(), a.paymentId(), a.merchantId(), a.provider(), a.providerKey(),
                        a.operation(), a.outcome(), a.providerReference(), a.latencyMs(), a.errorCode(),
                        a.createdAt().atOffset(ZoneOffset.UTC) }))
                .replaceWithVoid();
    }

    /** The attempts of a payment, oldest first. */
    public Uni<List<PaymentAttempt>> attempts(String merchantId, String paymentId) {
        return pool.preparedQuery("SELECT " + PaymentAttempt.COLUMNS
                + " FROM payment_attempts WHERE payment_id = $1 AND merchant_id = $2 ORDER BY created_at, id")
                .execute(Tuple.of(paymentId, merchantId))
                .map(rows -> rows.stream().map(PaymentAttempt::from).toList());
    }

    public Uni<Payment> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Payment.COLUMNS + " FROM payments WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(PaymentStore::first);
    }

    /** Not scoped: only for flows that prove their right otherwise (a challenge token, the admin). */
    public Uni<Payment> findAnyMerchant(String id) {
        return pool.preparedQuery("SELECT " + Payment.COLUMNS + " FROM payments WHERE id = $1")
                .execute(Tuple.of(id)).map(PaymentStore::first);
    }

    /** The payment first created with this key, and the fingerprint of the request that created it. */
    public record Keyed(Payment payment, String requestFingerprint) {
    }

    public Uni<Keyed> findByIdempotencyKey(String merchantId, String key) {
        return pool.preparedQuery("SELECT " + Payment.COLUMNS
                + ", request_fingerprint FROM payments WHERE merchant_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(merchantId, key)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Keyed(Payment.from(r), r.getString("request_fingerprint"));
                });
    }

    public Uni<List<Payment>> forOrder(String merchantId, String orderId) {
        return pool.preparedQuery("SELECT " + Payment.COLUMNS
                + " FROM payments WHERE merchant_id = $1 AND order_id = $2 ORDER BY created_at DESC, id DESC")
                .execute(Tuple.of(merchantId, orderId))
                .map(rows -> rows.stream().map(Payment::from).toList());
    }

    public record ListFilter(String status, String method, String provider, String orderId, OffsetDateTime from,
            OffsetDateTime to) {
    }

    public Uni<List<Payment>> list(String merchantId, ListFilter f, String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId);
        if ("processing".equals(f.status())) {
            q.and("status IN ('processing', 'unknown')");
        } else {
            q.andIf(f.status() != null, "status = ?", f.status());
        }
        q.andIf(f.method() != null, "method = ?", f.method())
                .andIf(f.provider() != null, "provider = ?", f.provider())
                .andIf(f.orderId() != null, "order_id = ?", f.orderId())
                .andIf(f.from() != null, "created_at >= ?", f.from())
                .andIf(f.to() != null, "created_at <= ?", f.to())
                .after("payments", startingAfter, merchantId);
        String sql = "SELECT " + Payment.COLUMNS + " FROM payments" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch);
        return pool.preparedQuery(sql).execute(q.tuple()).map(rows -> rows.stream().map(Payment::from).toList());
    }

    /**
     * The payment a writing statement returned, and a nudge to the outbox when it queued an event:
     * the statement has committed when its rows arrive.
     */
    private Payment written(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row row = it.next();
        if (Outbox.queued(row)) {
            outbox.queued();
        }
        return Payment.from(row);
    }

    static Payment first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Payment.from(it.next()) : null;
    }

    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
