package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.audit.Actor;
import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.event.Outbox;
import dev.payrail.order.Order;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The payment insert and change in their set form ({@link SetWrite}), as the {@link WriteBatcher} sends the writes of
 * one statement that leave in one batch, against PostgreSQL: they write exactly the rows that each write alone
 * writes (payment, order, event, audit row, attempt; nulls and JSON included); a change built on a stale version
 * answers nothing while its neighbours are written; two changes of one payment in one batch go one by one; a
 * duplicate idempotency key fails its own insert only.
 */
@QuarkusTest
class PaymentSetWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant CREATED = Instant.parse("2026-12-05T09:00:00.123456Z");
    private static final Instant CAPTURED = CREATED.plusMillis(40);

    @Inject
    Pool pool;
    @Inject
    Json json;

    private WriteBatcher batcher;
    private PaymentStore store;
    private SimpleMeterRegistry metrics;
    private String merchant;
    /** The attempt each payment was inserted with, by payment id: its outcome is written on it. */
    private final Map<String, PaymentAttempt> attempts = new ConcurrentHashMap<>();

    @BeforeEach
    void store() {
        metrics = new SimpleMeterRegistry();
        // one slot and no extra one: the writes made while the sleeper is out all leave in the next batch
        batcher = new WriteBatcher(pool, () -> {
        }, metrics, 1, 32, Duration.ZERO);
        store = new PaymentStore(pool, json, () -> {
        }, batcher);
        merchant = pool.query("SELECT id FROM merchants WHERE api_key_id = 'key_test_abc123'").execute()
                .await().atMost(WAIT).iterator().next().getString("id");
    }

    /** Holds the batcher's only slot for a while: the writes made meanwhile wait and leave together. */
    private CompletableFuture<Row> sleeper() {
        return batcher.write("SELECT pg_sleep(0.4), NULL::varchar AS " + Outbox.EVENT_STATUS, Tuple.tuple())
                .subscribeAsCompletionStage();
    }

    /** The writes {@code write} makes for each of {@code inputs}, all made while the sleeper holds the slot. */
    private <T> List<CompletableFuture<Payment>> batched(List<T> inputs, Function<T, CompletableFuture<Payment>> write)
            throws Exception {
        CompletableFuture<Row> sleeper = sleeper();
        List<CompletableFuture<Payment>> writes = new ArrayList<>();
        for (T input : inputs) {
            writes.add(write.apply(input));
        }
        sleeper.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Payment> w : writes) {
            w.handle((ok, failure) -> null).get(10, TimeUnit.SECONDS);
        }
        return writes;
    }

    private double sets() {
        return metrics.get("payrail.write.batch.sets").counter().count();
    }

    /** Three payments unlike each other: new orders with and without a receipt, metadata, risk, 3-D Secure. */
    private List<Shape> shapes() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("order_ref", "A-17");
        metadata.put("gift_note", null);
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("score", 12);
        risk.put("decision", "allow");
        Map<String, Object> threeDSecure = new LinkedHashMap<>();
        threeDSecure.put("requested", false);
        threeDSecure.put("status", "not_requested");
        return List.of(new Shape(2500, "EUR", "rcpt-1", metadata, risk, threeDSecure, false),
                new Shape(99, "USD", null, null, null, null, true),
                new Shape(1_000_000, "JPY", "rcpt-3", Map.of("k", List.of(1, 2)), risk, null, false));
    }

    private record Shape(long amount, String currency, String receipt, Map<String, Object> metadata,
            Map<String, Object> risk, Map<String, Object> threeDSecure, boolean manual) {
    }

    private CompletableFuture<Payment> insert(Shape s, String idempotencyKey) {
        Order order = new Order(Ids.newId("order_"), merchant, s.amount(), s.currency(), s.receipt(), null, "attempted",
                1, CREATED, CREATED);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("last4", "4242");
        card.put("brand", "visa");
        Payment fresh = Payment.draft().id(Ids.newId("pay_")).merchant(merchant).order(order.id())
                .amount(s.amount(), s.currency()).method(PaymentMethodType.CARD, card).manualCapture(s.manual())
                .provider("simulator").metadata(s.metadata()).idempotencyKey(idempotencyKey)
                .threeDSecure(s.threeDSecure()).risk(s.risk()).processing(CREATED);
        PaymentAttempt attempt = PaymentAttempt.start(fresh, "simulator", "authorize", CREATED);
        attempts.put(fresh.id(), attempt);
        return store.insert(fresh, order, attempt, CREATED.plusSeconds(30), "fingerprint-" + s.currency(), false).subscribeAsCompletionStage();
    }

    private CompletableFuture<Payment> insert(Shape s) {
        return insert(s, "set-" + Ids.newId("k_"));
    }

    /**
     * The outcome of an authorization as the payment flow writes it: captured (or authorized), the attempt written
     * before the call updated with the answer, the order paid.
     */
    private CompletableFuture<Payment> capture(Payment p) {
        PaymentAttempt attempt = attempts.get(p.id()).finish(ConnectorResult.succeeded("sim_ref"), 7);
        Payment after = p.change().status(p.captureMethod().equals("manual") ? PaymentStatus.AUTHORIZED
                : PaymentStatus.CAPTURED).providerReference("sim_ref").authorized(p.amount())
                .captured(p.captureMethod().equals("manual") ? 0 : p.amount()).build(CAPTURED);
        return store.transition(after, "paid", Actor.system("test"), "payment.authorize", attempt, null)
                .subscribeAsCompletionStage();
    }

    private static Payment done(CompletableFuture<Payment> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void insertsAndChangesSentAsOneSetWriteWhatEachWritesAlone() throws Exception {
        List<Shape> shapes = shapes();
        List<CompletableFuture<Payment>> batchedInserts = batched(shapes, this::insert);
        assertEquals(1.0, sets(), "the three inserts left as one execution of the set form");
        List<Payment> inBatch = new ArrayList<>();
        List<Payment> alone = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            inBatch.add(assertWritten(done(batchedInserts.get(i))));
            alone.add(assertWritten(done(insert(shapes.get(i)))));
        }
        assertEquals(1.0, sets(), "the inserts made one at a time went alone");
        for (int i = 0; i < shapes.size(); i++) {
            assertEquals(rowsOf(alone.get(i)), rowsOf(inBatch.get(i)), "payment " + i + " as inserted");
        }

        List<CompletableFuture<Payment>> batchedChanges = batched(inBatch, this::capture);
        assertEquals(2.0, sets(), "the three changes left as one execution of the set form");
        for (int i = 0; i < shapes.size(); i++) {
            Payment changed = assertWritten(done(batchedChanges.get(i)));
            assertEquals(inBatch.get(i).id(), changed.id(), "each change answered with its own row");
            assertEquals(2, changed.version());
            assertWritten(done(capture(alone.get(i))));
            assertEquals(rowsOf(alone.get(i)), rowsOf(changed), "payment " + i + " as changed");
        }
        assertEquals(0, batcher.splitBatches());
    }

    @Test
    void aStaleChangeInASetAnswersNothingAndItsNeighboursAreWritten() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (Shape s : shapes()) {
            payments.add(done(insert(s)));
        }
        Payment moved = done(capture(payments.get(1)));
        assertNotNull(moved);

        // the middle change is built on version 1; the row is at 2
        List<CompletableFuture<Payment>> changes = batched(payments, this::capture);
        assertEquals(1.0, sets());
        assertEquals(0, batcher.splitBatches(), "a version conflict is no error: nothing to roll back");
        assertEquals(2, done(changes.get(0)).version());
        assertNull(done(changes.get(1)), "built on a version the row has left");
        assertEquals(2, done(changes.get(2)).version());
        assertEquals(moved.version(), store.find(merchant, moved.id()).await().atMost(WAIT).version());
        assertEquals(1L, count("SELECT count(*) FROM events WHERE object_id = $1 AND type <> 'payment.created'",
                moved.id()), "the stale change wrote no event");
    }

    @Test
    void twoChangesOfOnePaymentInOneBatchGoOneByOne() throws Exception {
        Payment p = done(insert(shapes().get(0)));
        List<CompletableFuture<Payment>> changes = batched(List.of(p, p), this::capture);
        assertEquals(0.0, sets(), "the two share a key: not one set");
        assertEquals(2, done(changes.get(0)).version(), "the first, as if alone");
        assertNull(done(changes.get(1)), "the second finds the version the first wrote");
        assertEquals(1L, count("SELECT count(*) FROM events WHERE object_id = $1 AND type <> 'payment.created'",
                p.id()));
    }

    @Test
    void aDuplicateIdempotencyKeyInASetFailsOnlyItsOwnInsert() throws Exception {
        String key = "set-dup-" + Ids.newId("k_");
        List<Shape> shapes = shapes();
        List<CompletableFuture<Payment>> inserts = batched(List.of(0, 1, 2),
                i -> i == 2 ? insert(shapes.get(i)) : insert(shapes.get(i), key));
        assertEquals(1.0, sets(), "sent as one set");
        assertEquals(1, batcher.splitBatches(), "PostgreSQL refused the set; each insert ran again alone");
        assertNotNull(done(inserts.get(2)), "the neighbour is written");
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try {
                assertWritten(done(inserts.get(i)));
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertEquals(1, failures.size(), "one of the two with the key is written, the other refused");
        assertEquals("23505", assertInstanceOf(PgException.class, failures.get(0)).getSqlState());
        assertEquals(1L, count("SELECT count(*) FROM payments WHERE idempotency_key = $1", key));
    }

    @Test
    void theSetFormsPlanLooksTheRowsUpByPrimaryKeyOnTablesNotYetAnalysed() {
        // PostgreSQL keeps the generic plan made when a connection first prepared the statement; on a new database
        // that is before any ANALYZE, and a plan that scanned payments whole would do so per batch from then on.
        String schema = "set_plan_" + UUID.randomUUID().toString().replace("-", "");
        SqlConnection conn = pool.getConnection().await().atMost(WAIT);
        try {
            String tables = conn.query("SELECT current_schema()").execute().await().atMost(WAIT).iterator().next()
                    .getString(0);
            conn.query("CREATE SCHEMA " + schema).execute().await().atMost(WAIT);
            for (String table : List.of("payments", "orders", "events", "payment_attempts", "audit_log",
                    "merchants", "provider_accounts", "payment_jobs")) {
                conn.query("CREATE TABLE " + schema + "." + table + " (LIKE " + tables + "." + table + " INCLUDING ALL)")
                        .execute().await().atMost(WAIT);
            }
            conn.query("SET search_path = " + schema).execute().await().atMost(WAIT);
            conn.query("SET plan_cache_mode = force_generic_plan").execute().await().atMost(WAIT);
            List<String> statements = List.of(PaymentStore.applyWrite(true, true, true, true).many(),
                    PaymentStore.insertWrite(false, false).many(), PaymentStore.insertWrite(true, true).many());
            for (String sql : statements) {
                conn.query("PREPARE set_plan AS " + sql).execute().await().atMost(WAIT);
                int params = (int) Pattern.compile("\\$\\d+").matcher(sql).results()
                        .map(m -> m.group()).distinct().count();
                StringBuilder plan = new StringBuilder();
                conn.query("EXPLAIN EXECUTE set_plan(" + String.join(", ", Collections.nCopies(params,
                        "NULL")) + ")").execute().await().atMost(WAIT)
                        .forEach(r -> plan.append(r.getString(0)).append('\n'));
                conn.query("DEALLOCATE set_plan").execute().await().atMost(WAIT);
                assertFalse(plan.toString().contains("Seq Scan on payments"), plan.toString());
                assertFalse(plan.toString().contains("Seq Scan on orders"), plan.toString());
                // and by primary key, not by an index of the merchant's rows, which would read them all
                Matcher scans = Pattern.compile("Index Scan using (\\S+) on (payments|orders)").matcher(plan);
                while (scans.find()) {
                    assertEquals(scans.group(2) + "_pkey", scans.group(1), plan.toString());
                }
            }
        } finally {
            conn.query("RESET plan_cache_mode").execute().await().atMost(WAIT);
            conn.query("RESET search_path").execute().await().atMost(WAIT);
            conn.query("DROP SCHEMA " + schema + " CASCADE").execute().await().atMost(WAIT);
            conn.closeAndAwait();
        }
    }

    private static Payment assertWritten(Payment p) {
        assertNotNull(p, "written");
        return p;
    }

    private long count(String sql, String arg) {
        return pool.preparedQuery(sql).execute(Tuple.of(arg)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    /**
     * What the database holds for {@code p}, without what differs between two payments of one shape (their ids,
     * keys, the audit row's serial, when an event's first delivery is due: the time of its insert): the payment, its
     * order, events, audit rows and attempts, as JSON text.
     */
    private List<String> rowsOf(Payment p) {
        List<String> rows = new ArrayList<>();
        String[] queries = {
            "SELECT to_jsonb(x) - 'id' - 'order_id' - 'idempotency_key' FROM payments x WHERE id = $1",
            "SELECT to_jsonb(o) - 'id' FROM orders o JOIN payments x ON x.order_id = o.id WHERE x.id = $1",
            "SELECT to_jsonb(e) - 'id' - 'object_id' - 'next_attempt_at' - 'payload' || jsonb_build_object('payload', "
                    + "payload - 'id' - 'order_id') FROM events e WHERE object_id = $1 ORDER BY created_at, type",
            "SELECT to_jsonb(a) - 'id' - 'object_id' FROM audit_log a WHERE object_id = $1 ORDER BY id",
            "SELECT to_jsonb(t) - 'id' - 'payment_id' - 'provider_idempotency_key' FROM payment_attempts t "
                    + "WHERE payment_id = $1 ORDER BY created_at, operation, outcome"
        };
        for (String sql : queries) {
            for (Row r : pool.preparedQuery(sql).execute(Tuple.of(p.id())).await().atMost(WAIT)) {
                rows.add(String.valueOf(r.getValue(0)));
            }
        }
        assertFalse(rows.isEmpty());
        return rows;
    }
}
