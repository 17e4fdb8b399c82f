package dev.payrail.payment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.StoredResponses;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A process killed during the provider call leaves its payment {@code processing} with the
 * authorization attempt {@code in_flight} and no answer stored; the simulator's memory dies with the
 * process. After the restart the reconciler settles it by the attempt's key, and a client retry with
 * the same Idempotency-Key resends the attempt under that key and reports the real outcome — never
 * the stale {@code processing}, never a second charge.
 */
@QuarkusTest
class CrashRecoveryTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Inject
    SimulatorConnector simulator;
    @Inject
    Reconciler reconciler;

    private record Crashed(String id, String reference, String attemptId) {
    }

    /**
     * A payment made through the simulator, then put back the way a crash during its provider call
     * leaves it: the row {@code processing} with no reference, the attempt {@code in_flight}, the
     * idempotency key's claim expired, and the simulator's memory gone (a restart).
     */
    private Crashed crashedDuringTheCall(String key, String body, String reconcileAfter) throws Exception {
        return crashedDuringTheCall(key, body, reconcileAfter, false);
    }

    /** With {@code beforeTheCall}, the process died before the call left: the provider never saw the attempt's key. */
    private Crashed crashedDuringTheCall(String key, String body, String reconcileAfter, boolean beforeTheCall)
            throws Exception {
        String id = Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/payments").then()
                .statusCode(201).extract().path("id");
        Map<String, Object> row = Db.one("SELECT merchant_id, provider_reference FROM payments WHERE id = ?", id);
        String attempt = (String) Db.one("SELECT id FROM payment_attempts WHERE payment_id = ? AND operation = 'authorize'",
                id).get("id");
        Db.update("UPDATE payment_attempts SET outcome = 'in_flight', provider_reference = NULL, latency_ms = NULL, "
                + "provider_idempotency_key = ? WHERE id = ?", beforeTheCall ? "never-sent-" + attempt : attempt, attempt);
        Db.update("UPDATE orders SET status = 'attempted' WHERE id = (SELECT order_id FROM payments WHERE id = ?)", id);
        StoredResponses.lose(row.get("merchant_id"), key);
        simulator.forgetMemory();
        // Last: from here on the reconciler may claim it.
        Db.update("UPDATE payments SET status = 'processing', provider_reference = NULL, amount_authorized = 0, "
                + "amount_captured = 0, version = version + 1, reconcile_attempts = 0, created_at = now() - interval '1 minute', "
                + "reconcile_after = " + reconcileAfter + " WHERE id = ?", id);
        return new Crashed(id, (String) row.get("provider_reference"), attempt);
    }

    private static List<Map<String, Object>> authorizeAttempts(String id) {
        return Db.query("SELECT id, outcome, provider_reference FROM payment_attempts WHERE payment_id = ? "
                + "AND operation = 'authorize'", id);
    }

    @Test
    void theReconcilerSettlesAPaymentLeftProcessingByACrash() throws Exception {
        Crashed c = crashedDuringTheCall("crash-rec-" + System.nanoTime(),
                Bodies.cardPayment(3100, "USD", "4242424242424242", "manual"), "now() - interval '1 second'");

        long start = System.nanoTime();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            reconciler.reconcileDue().await().atMost(WITHIN);
            assertEquals("authorized", Db.one("SELECT status FROM payments WHERE id = ?", c.id()).get("status"));
        });
        System.out.printf("RECOVERY crash: the reconciler settled the due payment in %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        Map<String, Object> settled = Db.one("SELECT provider_reference, amount_authorized, reconcile_after FROM payments "
                + "WHERE id = ?", c.id());
        assertEquals(c.reference(), settled.get("provider_reference"), "the simulator's first answer, from its journal");
        assertEquals(3100L, ((Number) settled.get("amount_authorized")).longValue());
        assertEquals(null, settled.get("reconcile_after"));
        assertEquals(List.of(Map.of("id", c.attemptId(), "outcome", "succeeded", "provider_reference", c.reference())),
                authorizeAttempts(c.id()), "the unanswered attempt is finished by the provider's answer");
        assertEquals(0, simulator.chargesFor(c.id()), "not charged again after the restart");
    }

    @Test
    void aSameKeyRetryResendsTheAttemptUnderItsKeyAndReportsTheOutcome() throws Exception {
        String key = "crash-retry-" + System.nanoTime();
        String body = Bodies.cardPayment(3200, "USD", "4242424242424242", "automatic");
        // Not yet due for the reconciler: the retry alone settles it.
        Crashed c = crashedDuringTheCall(key, body, "now() + interval '1 hour'");
        long callsBefore = simulator.authorizeCalls();

        long start = System.nanoTime();
        var retry = Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/payments");
        System.out.printf("RECOVERY crash: the same-key retry answered in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        retry.then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(c.id()))
                .body("status", equalTo("captured"))
                .body("provider_reference", equalTo(c.reference()));

        assertEquals(callsBefore + 1, simulator.authorizeCalls(), "the attempt was resent");
        assertEquals(0, simulator.chargesFor(c.id()), "under its own key: the provider replayed its first answer");
        assertEquals(List.of(Map.of("id", c.attemptId(), "outcome", "succeeded", "provider_reference", c.reference())),
                authorizeAttempts(c.id()), "the same attempt, no second one");
        assertEquals("paid", Db.one("SELECT o.status FROM orders o JOIN payments p ON p.order_id = o.id WHERE p.id = ?",
                c.id()).get("status"));
    }

    @Test
    void anAttemptThatNeverReachedTheProviderFailsOnceTheProviderHasNoRecordOfIt() throws Exception {
        Crashed c = crashedDuringTheCall("crash-absent-" + System.nanoTime(),
                Bodies.cardPayment(3300, "USD", "4242424242424242", "manual"), "now() - interval '1 second'", true);

        await().atMost(WITHIN).untilAsserted(() -> {
            reconciler.reconcileDue().await().atMost(WITHIN);
            assertEquals("failed", Db.one("SELECT status FROM payments WHERE id = ?", c.id()).get("status"));
        });
        assertEquals("not_sent", authorizeAttempts(c.id()).get(0).get("outcome"));
    }

    @Test
    void theReconcilerSettlesACaptureLeftPendingByACrashAndFinishesItsAttempt() throws Exception {
        String id = Api.seeded().body(Bodies.cardPayment(3400, "USD", "4242424242424242", "manual"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        Api.seeded().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("status", equalTo("captured"));
        String capture = (String) Db.one("SELECT id FROM payment_attempts WHERE payment_id = ? AND operation = 'capture'", id)
                .get("id");
        // The process died during the capture call: the simulator captured, nothing of it was stored.
        Db.update("UPDATE payment_attempts SET outcome = 'in_flight', provider_reference = NULL, latency_ms = NULL "
                + "WHERE id = ?", capture);
        Db.update("UPDATE orders SET status = 'attempted' WHERE id = (SELECT order_id FROM payments WHERE id = ?)", id);
        simulator.forgetMemory();
        Db.update("UPDATE payments SET status = 'capture_pending', amount_captured = 0, version = version + 1, "
                + "reconcile_attempts = 0, updated_at = now() - interval '1 minute', "
                + "reconcile_after = now() - interval '1 second' WHERE id = ?", id);

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            reconciler.reconcileDue().await().atMost(WITHIN);
            assertEquals("captured", Db.one("SELECT status FROM payments WHERE id = ?", id).get("status"));
        });
        assertEquals(3400L, ((Number) Db.one("SELECT amount_captured FROM payments WHERE id = ?", id).get("amount_captured"))
                .longValue());
        assertEquals("succeeded", Db.one("SELECT outcome FROM payment_attempts WHERE id = ?", capture).get("outcome"));
        assertEquals(List.of(), Db.query("SELECT id FROM payment_attempts WHERE payment_id = ? AND outcome = 'in_flight'", id));
    }

    @Test
    void aRefundWhoseCallDiedWithTheProcessIsSettledByItsStatusAndItsAttemptFinished() {
        String id = Api.seeded().body(Bodies.cardPayment(5000, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        String refund = Api.seeded().body("{\"amount\":2000}").post("/api/v1/payments/" + id + "/refunds").then()
                .statusCode(201).body("status", equalTo("processed")).extract().path("id");
        String call = (String) Db.one("SELECT id FROM payment_attempts WHERE refund_id = ? AND operation = 'refund'", refund)
                .get("id");
        // The process died during the refund call: the simulator refunded, nothing of its answer was stored.
        Db.update("UPDATE payment_attempts SET outcome = 'in_flight', provider_reference = NULL, latency_ms = NULL "
                + "WHERE id = ?", call);
        Db.update("UPDATE refunds SET status = 'pending', provider_reference = NULL, next_check_at = now() - interval '1 second' "
                + "WHERE id = ?", refund);
        Db.update("UPDATE payments SET status = 'captured', amount_refunded = 0, amount_refund_pending = 2000, "
                + "version = version + 1 WHERE id = ?", id);

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertEquals("processed", Db.one("SELECT status FROM refunds WHERE id = ?", refund).get("status")));
        assertEquals("succeeded", Db.one("SELECT outcome FROM payment_attempts WHERE id = ?", call).get("outcome"),
                "the refund call is finished with what the refund became");
        assertEquals(List.of(), Db.query("SELECT id FROM payment_attempts WHERE payment_id = ? AND outcome = 'in_flight'", id));
        Map<String, Object> p = Db.one("SELECT status, amount_refunded, amount_refund_pending FROM payments WHERE id = ?", id);
        assertEquals("partially_refunded", p.get("status"));
        assertEquals(2000L, ((Number) p.get("amount_refunded")).longValue());
        assertEquals(0L, ((Number) p.get("amount_refund_pending")).longValue());
    }
}
