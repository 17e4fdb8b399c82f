package dev.payrail.payment;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.inject.Singleton;

import dev.payrail.audit.Actor;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.common.ApiException;
import dev.payrail.common.Filters;
import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.common.NamedSql;
import dev.payrail.common.RequestIds;
import dev.payrail.common.SqlQuery;
import dev.payrail.event.EventTypes;
import dev.payrail.event.Outbox;
import dev.payrail.event.OutboxListener;
import dev.payrail.order.Order;
import dev.payrail.risk.RiskAssessment;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Payments in PostgreSQL. Each state change is one SQL statement — the row, its outbox event and
 * the audit record in data-modifying CTEs — so it is atomic on its own. The insert and the outcome
 * ({@link #insert}, {@link #apply}) go through the {@link WriteBatcher}: alone when PostgreSQL is
 * idle, sharing one transaction and one commit with the others that wait when it is busy, those of one
 * statement as its set form, one execution for all of them ({@link SetWrite}).
 * Changes are conditional on the version the caller read, so a concurrent change is detected
 * instead of overwritten. A statement that queued its event for delivery says so in its result
 * ({@link Outbox#EVENT_STATUS}), and the {@link OutboxListener} hears of it once it committed.
 */
@Singleton
public class PaymentStore {

    /**
     * The insert of a new payment: the order (created, or an existing one marked attempted; a paid
     * order yields no row), the payment, its {@code payment.created} event and audit row, its first
     * attempt, and optionally the job that processes it asynchronously. Each combination
     * is its own statement without switched-off parts, so PostgreSQL's cached plan for it is exact
     * (a generic plan cannot prune a part that a NULL parameter switches off). The payment's provider account
     * is decided here, as the V11 trigger decides it for other writers (which then does not run).
     * It returns the payment's id and whether the event was queued, not the row: the row holds exactly what was
     * given, so {@link #insert} answers with that instead of decoding its JSON columns back.
     */
    static NamedSql insertSql(boolean newOrder, boolean queue) {
        return insertStatement(newOrder, queue).one();
    }

    /** The insert of that combination, as built once at class initialisation. */
    private static SetWrite insertStatement(boolean newOrder, boolean queue) {
        return INSERTS[(newOrder ? 1 : 0) | (queue ? 2 : 0)];
    }

    /** {@link #insertSql} in both forms: alone, and for a batch of inserts as one statement ({@link SetWrite}). */
    static SetWrite insertWrite(boolean newOrder, boolean queue) {
        return SetWrite.of(rows -> {
            String order = newOrder ? """
                    WITH o AS (
                        INSERT INTO orders (id, merchant_id, amount, currency, receipt, status, attempts, created_at, updated_at)
                        SELECT :order_id, :merchant_id, :amount, :currency, :receipt, 'attempted', 1, :at, :at %s
                        RETURNING id),
                    """.formatted(rows.fromU()) : """
                    WITH o AS (
                        UPDATE orders SET status = 'attempted', attempts = orders.attempts + 1, updated_at = :at %s
                         WHERE orders.id = :order_id AND orders.merchant_id IS NOT DISTINCT FROM :merchant_id
                           AND orders.status <> 'paid'
                        RETURNING orders.id),
                    """.formatted(rows.fromU());
            String payment = """
                    p AS (
                        INSERT INTO payments (id, merchant_id, order_id, amount, currency, status, method, method_details,
                                              capture_method, provider, metadata, idempotency_key, request_fingerprint, version,
                                              created_at, updated_at, reconcile_after, three_d_secure, risk,
                                              customer_id, payment_method_id, off_session, provider_account)
                        SELECT :id, :merchant_id, o.id, :amount, :currency, 'processing', :method, :method_details,
                               :capture_method, :provider, :metadata, :idempotency_key, :request_fingerprint, 1, :at, :at,
                               :reconcile_after, :three_d_secure, :risk, :customer_id, :payment_method_id, :off_session,
                               CASE WHEN EXISTS (SELECT 1 FROM provider_accounts a
                                                  WHERE a.merchant_id = :merchant_id::varchar AND a.provider = :provider::varchar
                                                    AND a.credentials_ciphertext IS NOT NULL)
                                    THEN :merchant_id::varchar ELSE 'platform' END %s
                        RETURNING id, merchant_id),
                    e AS (
                        INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
                        SELECT :event_id, :merchant_id, 'payment.created', p.id, :event_payload::text::jsonb, :at, %s %s
                        RETURNING object_id, delivery_status),
                    a AS (
                        INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                        SELECT 'merchant', :merchant_id, :merchant_id, 'payment.create', p.id, :request_id, :at %s)
                    """.formatted(rows.from("o", "order_id"), Outbox.initialStatus(":merchant_id", "'payment.created'"),
                    rows.from("p", "id"), rows.from("p", "id"));
            String attempt = """
                    , t AS (
                        INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                                      outcome, created_at, updated_at)
                        SELECT :attempt_id, p.id, :merchant_id, :provider, :attempt_key, 'authorize', 'in_flight', :at, :at %s)
                    """.formatted(rows.from("p", "id"));
            String job = !queue ? "" : """
                    , j AS (
                        INSERT INTO payment_jobs (payment_id, merchant_id, run_at, created_at)
                        SELECT p.id, p.merchant_id, :at, :at %s)
                    """.formatted(rows.from("p", "id"));
            return order + payment + attempt + job + "SELECT p.id, " + EVENT_STATUS_OF_P;
        }, PARAMETER_TYPES);
    }

    /** The end of a statement's select list: the status its event {@code e} (if any) of {@code p} was written with. */
    private static final String EVENT_STATUS_OF_P = "e.delivery_status AS " + Outbox.EVENT_STATUS
            + " FROM p LEFT JOIN e ON e.object_id = p.id";

    /**
     * The change of a payment conditional on the version it was read at, with optionally the
     * attempt's outcome (inserted, or updated when it was written before the call), the order's
     * new status, an event and an audit row: one statement per combination, as {@link #insertSql}.
     * {@code :status} is cast where it is compared: without the cast PostgreSQL deduces {@code varchar} from the
     * {@code SET} and {@code text} from the comparison, refuses to prepare the statement untyped, and the
     * client then prepared it again, unnamed and uncached, on every payment (an extra transaction, parse and plan).
     * The first capture stamps {@code captured_at} here, as the V24 trigger stamps it for other writers (which then
     * does not run).
     * Of the row it returns only what the caller's payment may not hold: two columns change without a new
     * version. The saved method, which {@code SavedMethodStore} links to the payment that saved it, is returned
     * as it is. The risk decision, which only {@link #updateRisk} changes after the insert, each time with its
     * review state, is returned as {@code risk_moved} when its review is not {@code :risk_review}, the caller's, and
     * as {@code NULL} when it is (so that the common case decodes no JSON).
     */
    static NamedSql applySql(boolean attempt, boolean orderStatus, boolean event, boolean audit) {
        return applyStatement(attempt, orderStatus, event, audit).one();
    }

    /** The change of that combination, as built once at class initialisation. */
    private static SetWrite applyStatement(boolean attempt, boolean orderStatus, boolean event, boolean audit) {
        return APPLIES[(attempt ? 1 : 0) | (orderStatus ? 2 : 0) | (event ? 4 : 0) | (audit ? 8 : 0)];
    }

    /** {@link #applySql} in both forms: alone, and for a batch of changes as one statement ({@link SetWrite}). */
    static SetWrite applyWrite(boolean attempt, boolean orderStatus, boolean event, boolean audit) {
        return SetWrite.of(rows -> {
            StringBuilder sql = new StringBuilder("""
                    WITH p AS (
                        UPDATE payments SET status = :status, provider_reference = :provider_reference,
                               amount_authorized = :amount_authorized, amount_captured = :amount_captured,
                               error_code = :error_code, error_description = :error_description, decline_code = :decline_code,
                               next_action = :next_action, three_d_secure = :three_d_secure, version = :version, updated_at = :at,
                               reconcile_after = :reconcile_after,
                               reconcile_attempts = CASE WHEN payments.status = :status::varchar THEN payments.reconcile_attempts
                                                         ELSE 0 END,
                               captured_at = coalesce(payments.captured_at,
                                                      CASE WHEN :amount_captured::bigint > 0 THEN :at::timestamptz END) %s
                         WHERE payments.id = :id AND payments.merchant_id IS NOT DISTINCT FROM :merchant_id
                           AND payments.version = :version - 1
                        RETURNING payments.id, payments.order_id, payments.payment_method_id,
                                  CASE WHEN payments.risk ->> 'review' IS NOT DISTINCT FROM :risk_review::varchar THEN NULL
                                       ELSE payments.risk END AS risk_moved)
                    """.formatted(rows.fromU()));
            if (attempt) {
                sql.append("""
                        , t AS (
                            INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                                          outcome, provider_reference, latency_ms, error_code, amount,
                                                          created_at, updated_at)
                            SELECT :attempt_id, p.id, :merchant_id, :attempt_provider, :attempt_key, :attempt_operation,
                                   :attempt_outcome, :attempt_reference, :attempt_latency_ms, :attempt_error_code,
                                   :attempt_amount, :at, :at %s
                            ON CONFLICT (id) DO UPDATE SET outcome = EXCLUDED.outcome, provider_reference = EXCLUDED.provider_reference,
                                   latency_ms = EXCLUDED.latency_ms, error_code = EXCLUDED.error_code, updated_at = EXCLUDED.updated_at)
                        """.formatted(rows.from("p", "id")));
            }
            if (orderStatus) {
                sql.append("""
                        , o AS (
                            UPDATE orders SET status = :order_status, updated_at = :at %s
                             WHERE orders.id = p.order_id AND orders.merchant_id IS NOT DISTINCT FROM :merchant_id)
                        """.formatted(rows.from("p", "id")));
            }
            if (event) {
                sql.append("""
                        , e AS (
                            INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
                            SELECT :event_id, :merchant_id, :event_type, p.id, :event_payload::text::jsonb, :at, %s %s
                            RETURNING object_id, delivery_status)
                        """.formatted(Outbox.initialStatus(":merchant_id", ":event_type"), rows.from("p", "id")));
            }
            if (audit) {
                sql.append("""
                        , a AS (
                            INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                            SELECT :actor_type, :actor_id, :merchant_id, :action, p.id, :request_id, :at %s)
                        """.formatted(rows.from("p", "id")));
            }
            sql.append("SELECT p.id, p.payment_method_id, p.risk_moved, ")
                    .append(event ? EVENT_STATUS_OF_P : "NULL::varchar AS " + Outbox.EVENT_STATUS + " FROM p");
            return sql.toString();
        }, PARAMETER_TYPES);
    }

    /*
     * The rows a statement changes are found by their id, and their merchant is checked with IS NOT DISTINCT FROM
     * (merchant ids are never NULL), which no index serves: PostgreSQL then always looks them up by primary key. With
     * "=" a plan made before the tables were analysed could look them up by the merchant's index instead and read
     * every row of the merchant per write (in the set form, where the ids come from a join: 26 million index entries
     * for 7,000 changes of a new database's orders).
     */

    /** The PostgreSQL type of every parameter of the insert and the change, for their set forms. */
    private static final Map<String, String> PARAMETER_TYPES = Map.ofEntries(
            Map.entry("id", "varchar"), Map.entry("merchant_id", "varchar"), Map.entry("order_id", "varchar"),
            Map.entry("amount", "bigint"), Map.entry("currency", "varchar"), Map.entry("receipt", "varchar"),
            Map.entry("at", "timestamptz"), Map.entry("method", "varchar"), Map.entry("method_details", "jsonb"),
            Map.entry("capture_method", "varchar"), Map.entry("provider", "varchar"), Map.entry("metadata", "jsonb"),
            Map.entry("idempotency_key", "varchar"), Map.entry("request_fingerprint", "varchar"),
            Map.entry("reconcile_after", "timestamptz"), Map.entry("three_d_secure", "jsonb"),
            Map.entry("risk", "jsonb"),
            Map.entry("customer_id", "varchar"), Map.entry("payment_method_id", "varchar"),
            Map.entry("off_session", "boolean"), Map.entry("event_id", "varchar"), Map.entry("event_payload", "text"),
            Map.entry("request_id", "varchar"), Map.entry("attempt_id", "varchar"), Map.entry("attempt_key", "varchar"),
            Map.entry("status", "varchar"), Map.entry("provider_reference", "varchar"),
            Map.entry("amount_authorized", "bigint"), Map.entry("amount_captured", "bigint"),
            Map.entry("error_code", "varchar"), Map.entry("error_description", "varchar"),
            Map.entry("decline_code", "varchar"), Map.entry("next_action", "jsonb"), Map.entry("version", "integer"),
            Map.entry("order_status", "varchar"), Map.entry("event_type", "varchar"),
            Map.entry("actor_type", "varchar"),
            Map.entry("actor_id", "varchar"), Map.entry("action", "varchar"), Map.entry("attempt_provider", "varchar"),
            Map.entry("attempt_operation", "varchar"), Map.entry("attempt_outcome", "varchar"),
            Map.entry("attempt_reference", "varchar"), Map.entry("attempt_latency_ms", "integer"),
            Map.entry("attempt_error_code", "varchar"), Map.entry("attempt_amount", "bigint"),
            Map.entry("risk_review", "varchar"));

    private static final SetWrite[] INSERTS = new SetWrite[4];
    private static final SetWrite[] APPLIES = new SetWrite[16];

    static {
        for (int i = 0; i < INSERTS.length; i++) {
            INSERTS[i] = insertWrite((i & 1) != 0, (i & 2) != 0);
        }
        for (int i = 0; i < APPLIES.length; i++) {
            APPLIES[i] = applyWrite((i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0);
        }
    }

    private final Pool pool;
    private final Json json;
    private final OutboxListener outbox;
    private final WriteBatcher batcher;

    PaymentStore(Pool pool, Json json, OutboxListener outbox, WriteBatcher batcher) {
        this.pool = pool;
        this.json = json;
        this.outbox = outbox;
        this.batcher = batcher;
    }

    /**
     * Inserts a new payment as {@code processing} with its {@code payment.created} event. With
     * {@code newOrder} the order is created in the same statement; otherwise the existing order
     * {@code fresh.orderId()} is marked attempted. A {@code null} item means the order is already paid.
     * The payment's first attempt is written {@code in_flight} before the call, with the time
     * when the reconciler should look at the payment if no answer is ever stored (the process died
     * during the call; storing any answer clears it). {@code requestFingerprint} is kept with the
     * idempotency key; with {@code queue} a {@code payment_jobs} row is written in the same
     * statement for asynchronous processing. The answer is the payment written, not the row read back
     * ({@link #insertSql}).
     */
    public Uni<Payment> insert(Payment fresh, Order newOrder, PaymentAttempt attempt, Instant reconcileIfStuck,
            String requestFingerprint, boolean queue) {
        Payment p = fresh.atStoredPrecision();
        OffsetDateTime at = p.createdAt().atOffset(ZoneOffset.UTC);
        SetWrite sql = insertStatement(newOrder != null, queue);
        String eventId = Ids.newId("evt_");
        String payload = json.write(PaymentView.of(p));
        String requestId = RequestIds.current();
        return batcher.write(sql, sql.one().tuple(name -> switch (name) {
            case "id" -> p.id();
            case "merchant_id" -> p.merchantId();
            case "order_id" -> p.orderId();
            case "amount" -> p.amount();
            case "currency" -> p.currency();
            case "receipt" -> newOrder.receipt();
            case "at" -> at;
            case "method" -> p.method().jsonName();
            case "method_details" -> new JsonObject(p.methodDetails());
            case "capture_method" -> p.captureMethod();
            case "provider" -> p.provider();
            case "metadata" -> p.metadata() == null ? null : new JsonObject(p.metadata());
            case "idempotency_key" -> p.idempotencyKey();
            case "customer_id" -> p.customerId();
            case "payment_method_id" -> p.paymentMethodId();
            case "off_session" -> p.offSession();
            case "request_fingerprint" -> requestFingerprint;
            case "reconcile_after" -> reconcileIfStuck == null ? null : reconcileIfStuck.atOffset(ZoneOffset.UTC);
            case "event_id" -> eventId;
            case "event_payload" -> payload;
            case "request_id" -> requestId;
            case "attempt_id" -> attempt.id();
            case "attempt_key" -> attempt.providerKey();
            case "three_d_secure" -> p.threeDSecure() == null ? null : new JsonObject(p.threeDSecure());
            case "risk" -> p.risk() == null ? null : new JsonObject(p.risk());
            default -> throw new IllegalArgumentException(name);
        }), p.id(), p.orderId()).map(row -> row == null ? null : p);
    }

    private static final String UPDATE_RISK = """
            WITH p AS (
                UPDATE payments SET risk = $3
                 WHERE id = $1 AND merchant_id = $2 AND risk ->> 'review' IS NOT DISTINCT FROM $4::varchar
                RETURNING %s),
            e AS (
                INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
                SELECT $5, $2, $6, p.id, $7::text::jsonb, $8, %s FROM p
                RETURNING delivery_status)
            SELECT p.*, %s FROM p""".formatted(Payment.COLUMNS, Outbox.initialStatus("$2", "$6"), Outbox.eventStatus("e"));

    /**
     * Replaces the stored risk decision of {@code p} (its review state) if the review is still
     * {@code expectedReview}, with an event of {@code eventType}: one statement. The risk is not part of
     * the payment's state machine, so the version is left alone. A {@code null} item means the review
     * state changed meanwhile.
     */
    public Uni<Payment> updateRisk(Payment p, Map<String, Object> risk, String expectedReview, String eventType) {
        Payment after = p.withRisk(risk);
        return pool.preparedQuery(UPDATE_RISK).execute(Tuple.from(new Object[] { p.id(), p.merchantId(),
                new JsonObject(risk), expectedReview, Ids.newId("evt_"), eventType, json.write(PaymentView.of(after)),
                now().atOffset(ZoneOffset.UTC) })).map(this::written);
    }

    /**
     * Writes {@code changed} if the row is still at {@code changed.version() - 1}, with an event of
     * {@code eventType} (none when {@code null}), the order's new status (unchanged when
     * {@code null}), an audit record when {@code action} is given, the attempt when given (inserted,
     * or updated with its outcome when it was written before the call) and, for a payment whose
     * outcome became unknown, when the reconciler should first ask the provider. A {@code null}
     * item means the payment changed meanwhile. The answer is the payment written, with the columns that
     * {@link #applySql} returns as the row holds them.
     */
    public Uni<Payment> apply(Payment changed, String eventType, String orderStatus, Actor actor, String action,
            PaymentAttempt attempt, Instant reconcileAfter) {
        Payment after = changed.atStoredPrecision();
        SetWrite sql = applyStatement(attempt != null, orderStatus != null, eventType != null, action != null);
        String eventId = eventType == null ? null : Ids.newId("evt_");
        String payload = eventType == null ? null : written(PaymentView.of(after));
        String requestId = RequestIds.current();
        String riskReview = RiskAssessment.review(after.risk());
        OffsetDateTime at = after.updatedAt().atOffset(ZoneOffset.UTC);
        // An outcome and a concurrent payment of the same order can deadlock on the order row and the
        // one-live-payment index; the version check keeps the statement idempotent, so it is run again
        // instead of losing the provider's answer.
        return rerunIfRolledBack(batcher.write(sql, sql.one().tuple(name -> switch (name) {
            case "id" -> after.id();
            case "merchant_id" -> after.merchantId();
            case "status" -> after.status().dbName();
            case "provider_reference" -> after.providerReference();
            case "amount_authorized" -> after.amountAuthorized();
            case "amount_captured" -> after.amountCaptured();
            case "error_code" -> after.errorCode();
            case "error_description" -> after.errorDescription();
            case "decline_code" -> after.declineCode();
            case "next_action" -> after.nextAction() == null ? null : new JsonObject(after.nextAction());
            case "three_d_secure" -> after.threeDSecure() == null ? null : new JsonObject(after.threeDSecure());
            case "version" -> after.version();
            case "at" -> at;
            case "reconcile_after" -> reconcileAfter == null ? null : reconcileAfter.atOffset(ZoneOffset.UTC);
            case "order_status" -> orderStatus;
            case "event_id" -> eventId;
            case "event_type" -> eventType;
            case "event_payload" -> payload;
            case "actor_type" -> actor == null ? null : actor.type();
            case "actor_id" -> actor == null ? null : actor.id();
            case "action" -> action;
            case "request_id" -> requestId;
            case "attempt_id" -> attempt.id();
            case "attempt_provider" -> attempt.provider();
            case "attempt_key" -> attempt.providerKey();
            case "attempt_operation" -> attempt.operation();
            case "attempt_outcome" -> attempt.outcome();
            case "attempt_reference" -> attempt.providerReference();
            case "attempt_latency_ms" -> attempt.latencyMs();
            case "attempt_error_code" -> attempt.errorCode();
            case "attempt_amount" -> attempt.amount();
            case "risk_review" -> riskReview;
            default -> throw new IllegalArgumentException(name);
        }), after.id(), after.orderId())).map(row -> row == null ? null : asLeft(after, row));
    }

    /** {@code after} with what its {@link #applySql} row says other writers changed meanwhile. */
    private static Payment asLeft(Payment after, Row row) {
        JsonObject riskMoved = row.getJsonObject("risk_moved");
        Payment p = riskMoved == null ? after : after.withRisk(riskMoved.getMap());
        String method = row.getString("payment_method_id");
        return Objects.equals(method, p.paymentMethodId()) ? p : p.withPaymentMethod(method);
    }

    /** {@code view} as JSON, remembered for this request's answer ({@link WrittenViews}). */
    private String written(PaymentView view) {
        String payload = json.write(view);
        WrittenViews.remember(view, payload);
        return payload;
    }

    /**
     * {@code statement} run again, with a short jittered pause, when PostgreSQL rolled it back whole to break
     * a deadlock or a serialization conflict; for single statements that are safe to repeat.
     */
    static <T> Uni<T> rerunIfRolledBack(Uni<T> statement) {
        return statement.onFailure(t -> t instanceof io.vertx.pgclient.PgException e
                && ("40P01".equals(e.getSqlState()) || "40001".equals(e.getSqlState())))
                .retry().withBackOff(Duration.ofMillis(2), Duration.ofMillis(40)).withJitter(0.5).atMost(5);
    }

    /** {@link #apply} with the event named after the new status. */
    public Uni<Payment> transition(Payment after, String orderStatus, Actor actor, String action) {
        return transition(after, orderStatus, actor, action, null, null);
    }

    /** {@link #transition(Payment, String, Actor, String)} recording an attempt (see {@link #apply}). */
    public Uni<Payment> transition(Payment after, String orderStatus, Actor actor, String action, PaymentAttempt attempt,
            Instant reconcileAfter) {
        String event = after.status() == PaymentStatus.UNKNOWN || after.status().isOperationPending() ? null
                : EventTypes.forPayment(after.status());
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

    /**
     * Stores the provider's answer on an attempt written {@code in_flight} before the call, without touching
     * the payment: for an answer whose outcome someone else (the provider's own event) stored on the payment first.
     */
    public Uni<Void> finishAttempt(PaymentAttempt a, Instant at) {
        return pool.preparedQuery("""
                UPDATE payment_attempts SET outcome = $3, provider_reference = $4, latency_ms = $5, error_code = $6,
                       updated_at = $7
                 WHERE id = $1 AND merchant_id = $2 AND outcome = 'in_flight'""")
                .execute(Tuple.from(new Object[] { a.id(), a.merchantId(), a.outcome(), a.providerReference(),
                        a.latencyMs(), a.errorCode(), at.atOffset(ZoneOffset.UTC) }))
                .replaceWithVoid();
    }

    /** Records an attempt that changed nothing on the payment (a status query that learnt nothing new). */
    public Uni<Void> recordAttempt(PaymentAttempt a) {
        return pool.preparedQuery("""
                INSERT INTO payment_attempts (id, payment_id, merchant_id, provider, provider_idempotency_key, operation,
                                              outcome, provider_reference, latency_ms, error_code, amount, created_at,
                                              updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)""")
                .execute(Tuple.from(new Object[] { a.id(), a.paymentId(), a.merchantId(), a.provider(), a.providerKey(),
                        a.operation(), a.outcome(), a.providerReference(), a.latencyMs(), a.errorCode(), a.amount(),
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

    /** The attempts of several payments of one merchant in one query (GraphQL batch loading), oldest first. */
    public Uni<List<PaymentAttempt>> attempts(String merchantId, List<String> paymentIds) {
        return pool.preparedQuery("SELECT " + PaymentAttempt.COLUMNS
                + " FROM payment_attempts WHERE payment_id = ANY($1) AND merchant_id = $2 ORDER BY created_at, id")
                .execute(Tuple.of(paymentIds.toArray(String[]::new), merchantId))
                .map(rows -> rows.stream().map(PaymentAttempt::from).toList());
    }

    /** One entry of a payment's event log. */
    public record Event(String id, String paymentId, String type, String payload, Instant createdAt) {
    }

    /** The event logs of several payments of one merchant in one query, oldest first. */
    public Uni<List<Event>> events(String merchantId, List<String> paymentIds) {
        return pool.preparedQuery("""
                SELECT id, object_id, type, payload::text AS payload, created_at FROM events
                 WHERE object_id = ANY($1) AND merchant_id = $2 ORDER BY created_at, id""")
                .execute(Tuple.of(paymentIds.toArray(String[]::new), merchantId))
                .map(rows -> rows.stream().map(r -> new Event(r.getString("id"), r.getString("object_id"),
                        r.getString("type"), r.getString("payload"), r.getOffsetDateTime("created_at").toInstant()))
                        .toList());
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

        /** The list filters as the API takes them, checked; each error names its parameter. */
        public static ListFilter parse(String status, String method, String provider, String orderId,
                String createdGte, String createdLte) {
            if (status != null && PaymentStatus.parsePublic(status) == null) {
                throw ApiException.badRequest("Unknown status: " + status + ".", "status");
            }
            if (method != null && PaymentMethodType.parse(method) == null) {
                throw ApiException.badRequest("method must be one of card, upi, wallet, bank_transfer.", "method");
            }
            if (provider != null && !provider.matches("[a-z_]{2,32}")) {
                throw ApiException.badRequest("Unknown provider.", "provider");
            }
            return new ListFilter(status, method, provider, orderId, Filters.instant(createdGte, "created_gte"),
                    Filters.instant(createdLte, "created_lte"));
        }
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
        return outbox.written(rows, Payment::from);
    }

    static Payment first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Payment.from(it.next()) : null;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
