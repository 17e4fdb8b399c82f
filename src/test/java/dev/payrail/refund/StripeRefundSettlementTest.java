package dev.payrail.refund;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.sandbox.stripe.StripeSandboxSettings;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Pending refunds at Stripe (the emulator over real HTTP) are settled by asking Stripe about the
 * refund — {@code GET /v1/refunds/{id}} or the PaymentIntent's refund list — never by POSTing the
 * refund again, which within 24 h would only replay the first answer, and always with the
 * merchant's own key.
 */
@QuarkusTest
class StripeRefundSettlementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    StripeSandbox sandbox;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    private static String capturedPayment(Providers.Merchant m, long amount) {
        return m.api().body(Bodies.cardPayment(amount, "USD", "4242424242424242", "automatic")).post("/api/v1/payments")
                .then().statusCode(201).body("provider", equalTo("stripe")).body("status", equalTo("captured"))
                .extract().path("id");
    }

    private static JsonPath refund(Providers.Merchant m, String paymentId, long amount) {
        return m.api().body("{\"amount\":" + amount + "}").post("/api/v1/payments/" + paymentId + "/refunds").then()
                .statusCode(201).extract().jsonPath();
    }

    private static String statusOf(Providers.Merchant m, String refundId) {
        return m.api().get("/api/v1/refunds/" + refundId).then().statusCode(200).extract().path("status");
    }

    private static List<Map<String, Object>> attemptsOf(String refundId) {
        return Db.query("SELECT operation, outcome, provider_idempotency_key, amount, error_code FROM payment_attempts "
                + "WHERE refund_id = ? ORDER BY created_at, id", refundId);
    }

    @Test
    void aPendingRefundIsSettledByTheStatusQueryWhileAReplayedPostWouldStillAnswerPending() {
        var m = Providers.routingTo("stripe");
        String paymentId = capturedPayment(m, 20_000);
        JsonPath pending = refund(m, paymentId, StripeSandbox.REFUND_SETTLES_LATER);
        String refundId = pending.getString("id");
        assertEquals("pending", pending.getString("status"));
        String stripeRefund = pending.getString("provider_reference");
        assertTrue(stripeRefund.startsWith("re_"), stripeRefund);
        m.api().get("/api/v1/payments/" + paymentId).then().body("status", equalTo("captured"))
                .body("amount_refunded", equalTo(0)).body("amount_refund_pending", equalTo(7777));

        Awaitility.await().atMost(WAIT).until(() -> "processed".equals(statusOf(m, refundId)));

        assertEquals(1, sandbox.refundPostsFor(refundId), "the refund was POSTed once, never again");
        assertEquals(1, sandbox.refundsFor(refundId), "Stripe holds exactly one refund");
        m.api().get("/api/v1/payments/" + paymentId).then().body("status", equalTo("partially_refunded"))
                .body("amount_refunded", equalTo(7777)).body("amount_refund_pending", equalTo(0));

        // The refund attempt (key = our refund id, written before the call) and the status queries, listed on the payment.
        List<Map<String, Object>> attempts = attemptsOf(refundId);
        assertEquals("refund", attempts.get(0).get("operation"));
        assertEquals("pending", attempts.get(0).get("outcome"));
        assertEquals(refundId, attempts.get(0).get("provider_idempotency_key"));
        assertEquals(7777L, ((Number) attempts.get(0).get("amount")).longValue());
        Map<String, Object> last = attempts.get(attempts.size() - 1);
        assertEquals("refund_status", last.get("operation"));
        assertEquals("succeeded", last.get("outcome"));
        List<String> operations = m.api().get("/api/v1/payments/" + paymentId).then().extract().jsonPath()
                .getList("attempts.operation");
        assertEquals("authorize", operations.get(0));
        assertEquals("refund", operations.get(1));
        assertTrue(operations.subList(2, operations.size()).stream().allMatch("refund_status"::equals), operations.toString());

        // What the old settler did: POST again with the same Idempotency-Key. Stripe replays the first answer.
        given().header("Authorization", "Bearer sk_test_payrail_sandbox").header("Idempotency-Key", refundId)
                .contentType("application/x-www-form-urlencoded")
                .formParam("payment_intent", Db.one("SELECT provider_reference FROM payments WHERE id = ?", paymentId)
                        .get("provider_reference"))
                .formParam("amount", 7777).formParam("metadata[payrail_refund_id]", refundId)
                .formParam("metadata[payrail_payment_id]", paymentId)
                .post("/sandbox/stripe/v1/refunds").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("status", equalTo("pending")).body("id", equalTo(stripeRefund));
        assertEquals(1, sandbox.refundsFor(refundId));
    }

    @Test
    void aRefundWhoseAnswerWasLostIsSettledByStatusWithoutASecondRefund() {
        var m = Providers.routingTo("stripe");
        String paymentId = capturedPayment(m, 5000);
        sandbox.update(new StripeSandboxSettings(null, null, null, null, null, null, null, 1.0, "timeout", null, null, null));
        JsonPath lost = refund(m, paymentId, 2000);
        sandbox.resetSettings();
        String refundId = lost.getString("id");
        assertEquals("pending", lost.getString("status"), "an unknown outcome is never reported as failed");
        assertNull(lost.getString("provider_reference"), "Stripe's answer never arrived");
        assertEquals(1, sandbox.refundsFor(refundId), "Stripe did refund");

        Awaitility.await().atMost(WAIT).until(() -> "processed".equals(statusOf(m, refundId)));
        assertEquals(1, sandbox.refundPostsFor(refundId), "settled by status, not by a second refund POST");
        assertEquals(1, sandbox.refundsFor(refundId));
        List<Map<String, Object>> attempts = attemptsOf(refundId);
        assertEquals("unknown", attempts.get(0).get("outcome"));
        assertEquals("refund_status", attempts.get(attempts.size() - 1).get("operation"));
        m.api().get("/api/v1/refunds/" + refundId).then().body("provider_reference", org.hamcrest.Matchers.startsWith("re_"));
        m.api().get("/api/v1/payments/" + paymentId).then().body("amount_refunded", equalTo(2000))
                .body("amount_refund_pending", equalTo(0)).body("status", equalTo("partially_refunded"));
    }

    @Test
    void theSettlerAsksWithTheMerchantsOwnKey() {
        var m = Providers.routingTo("stripe");
        String key = "sk_test_merchant_" + Long.toString(System.nanoTime(), 36);
        m.api().body("{\"secret_key\":\"" + key + "\"}").put("/api/v1/providers/stripe/credentials").then().statusCode(200);
        String paymentId = capturedPayment(m, 9000);
        JsonPath pending = refund(m, paymentId, StripeSandbox.REFUND_SETTLES_LATER);
        String refundId = pending.getString("id");
        assertEquals("pending", pending.getString("status"));

        Awaitility.await().atMost(WAIT).until(() -> "processed".equals(statusOf(m, refundId)));
        assertEquals(key, sandbox.lastReaderOf(pending.getString("provider_reference")),
                "the status query used the merchant's key, not the platform's");
        assertEquals(1, sandbox.refundPostsFor(refundId));
    }

    @Test
    void aRefundStripeNeverReceivedFailsOnlyAfterTheGraceAndReleasesItsReservation() {
        var m = Providers.routingTo("stripe");
        String paymentId = capturedPayment(m, 6000);
        // The connection is reset before Stripe processes anything: the outcome is unknown to us.
        sandbox.update(new StripeSandboxSettings(null, null, null, null, null, 1.0, null, null, null, null, null, null));
        JsonPath lost = refund(m, paymentId, 2500);
        sandbox.resetSettings();
        String refundId = lost.getString("id");
        assertEquals("pending", lost.getString("status"));
        assertEquals(0, sandbox.refundsFor(refundId));

        // Stripe answers "no such refund" from the first check on, but the refund stays pending for the grace.
        Awaitility.await().atMost(WAIT).until(() -> attemptsOf(refundId).stream().anyMatch(
                a -> "refund_status".equals(a.get("operation")) && "provider_no_record".equals(a.get("error_code"))));
        Awaitility.await().atMost(WAIT).until(() -> "failed".equals(statusOf(m, refundId)));
        m.api().get("/api/v1/refunds/" + refundId).then().body("error_code", equalTo("provider_no_record"));
        var timing = Db.one("SELECT extract(epoch FROM r.updated_at - r.created_at) AS failed_after, "
                + "(SELECT count(*) FROM payment_attempts a WHERE a.refund_id = r.id AND a.error_code = 'provider_no_record' "
                + "AND a.created_at < r.created_at + interval '4 seconds') AS early_no_record FROM refunds r WHERE r.id = ?",
                refundId);
        assertTrue(((Number) timing.get("failed_after")).doubleValue() >= 4.0, "failed only after the grace: " + timing);
        assertTrue(((Number) timing.get("early_no_record")).longValue() >= 1,
                "Stripe said no record within the grace, and the refund stayed pending: " + timing);
        m.api().get("/api/v1/payments/" + paymentId).then().body("status", equalTo("captured"))
                .body("amount_refunded", equalTo(0)).body("amount_refund_pending", equalTo(0));
        assertEquals(0, sandbox.refundsFor(refundId));
        assertEquals(1, sandbox.refundPostsFor(refundId), "never POSTed again");
    }
}
