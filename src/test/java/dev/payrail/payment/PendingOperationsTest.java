package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.paypal.PayPalSandbox;
import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.sandbox.stripe.StripeSandboxSettings;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Captures and voids whose provider answer is lost or pending, against the Stripe and PayPal
 * emulators over HTTP: the payment waits in {@code capture_pending} / {@code cancel_pending} (the API
 * answers 202, never a failure) and the reconciler settles it by the provider's status, never by a
 * second capture or void. The settle times printed ({@code SETTLE …}) are with the test schedule
 * (reconciler every 1 s, first delay 0.2 s, then 0.5 s, 1 s, 2 s, …).
 */
@QuarkusTest
class PendingOperationsTest {

    @Inject
    StripeSandbox stripe;
    @Inject
    PayPalSandbox paypal;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        stripe.resetSettings();
        breakers.resetAll();
    }

    /** Every answer lost: {@code timeout} holds it past the connector's timeout (the request is processed). */
    private static StripeSandboxSettings loseAnswers() {
        return new StripeSandboxSettings(null, null, null, null, null, null, null, 1.0, "timeout", null, null, null);
    }

    /** Every request hangs and is dropped before Stripe processes it. */
    private static StripeSandboxSettings dropRequests() {
        return new StripeSandboxSettings(null, null, null, null, null, null, 1.0, null, null, null, null, null);
    }

    private static JsonPath authorize(Providers.Merchant m) {
        JsonPath p = m.api().body(Bodies.cardPayment(4200, "USD", "4242424242424242", "manual")).post("/api/v1/payments")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("authorized", p.getString("status"));
        return p;
    }

    private static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> row(String id) {
        return Db.one("SELECT status, reconcile_after, amount_captured FROM payments WHERE id = ?", id);
    }

    private static Map<String, Object> attempt(String id, String operation) {
        return Db.one("SELECT outcome, amount, provider_idempotency_key, id FROM payment_attempts "
                + "WHERE payment_id = ? AND operation = ? ORDER BY created_at DESC LIMIT 1", id, operation);
    }

    /** Waits for {@code status}; returns the milliseconds it took. */
    private static long awaitStatus(Providers.Merchant m, String id, String status) {
        long start = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(read(m, id).getString("status")));
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aCaptureWhoseAnswerIsLostIsCapturePendingThenCapturedWithoutASecondCapture() {
        var m = Providers.routingTo("stripe");
        JsonPath p = authorize(m);
        String id = p.getString("id");
        String intent = p.getString("provider_reference");

        stripe.update(loseAnswers());
        m.api().body("{\"amount\":3000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("capture_pending"));
        assertEquals(1, stripe.capturesForIntent(intent), "Stripe did capture");
        assertEquals("capture_pending", row(id).get("status"));
        assertNotNull(row(id).get("reconcile_after"), "the reconciler will ask");
        Map<String, Object> capture = attempt(id, "capture");
        assertEquals("unknown", capture.get("outcome"));
        assertEquals(3000L, capture.get("amount"));
        assertEquals(capture.get("id"), capture.get("provider_idempotency_key"), "the attempt id is the provider key");

        stripe.resetSettings();
        long ms = awaitStatus(m, id, "captured");
        System.out.println("SETTLE capture_pending (lost answer) -> captured: " + ms + " ms");
        assertEquals(3000, read(m, id).getInt("amount_captured"), "the amount Stripe captured");
        assertEquals(1, stripe.capturesForIntent(intent), "never captured twice");
        assertEquals("succeeded", attempt(id, "status").get("outcome"), "the status query is recorded");
        assertNull(row(id).get("reconcile_after"));
        assertEquals("paid", Db.one("SELECT o.status FROM orders o JOIN payments p ON p.order_id = o.id WHERE p.id = ?", id)
                .get("status"));
    }

    @Test
    void aCancelWhoseAnswerIsLostIsCancelPendingThenCancelledWithoutASecondVoid() {
        var m = Providers.routingTo("stripe");
        JsonPath p = authorize(m);
        String id = p.getString("id");
        String intent = p.getString("provider_reference");

        stripe.update(loseAnswers());
        m.api().post("/api/v1/payments/" + id + "/cancel").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("cancel_pending"));
        assertEquals(1, stripe.cancelsForIntent(intent), "Stripe did cancel");
        assertEquals("unknown", attempt(id, "void").get("outcome"));

        stripe.resetSettings();
        long ms = awaitStatus(m, id, "cancelled");
        System.out.println("SETTLE cancel_pending (lost answer) -> cancelled: " + ms + " ms");
        assertEquals(1, stripe.cancelsForIntent(intent), "never voided twice");
        assertEquals(0, stripe.capturesForIntent(intent));
    }

    @Test
    void aCaptureStripeAnswersProcessingIsSettledWhenTheIntentSucceeds() {
        var m = Providers.routingTo("stripe");
        JsonPath p = authorize(m);
        String id = p.getString("id");
        String intent = p.getString("provider_reference");

        stripe.processingFor(Duration.ofMillis(1500));
        m.api().post("/api/v1/payments/" + id + "/capture").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("capture_pending"));
        assertEquals("pending", attempt(id, "capture").get("outcome"));
        long ms = awaitStatus(m, id, "captured");
        System.out.println("SETTLE capture_pending (Stripe processing 1.5 s) -> captured: " + ms + " ms");
        assertEquals(4200, read(m, id).getInt("amount_captured"));
        assertEquals(1, stripe.capturesForIntent(intent));
    }

    @Test
    void aPendingAuthorizationStaysQueuedForTheReconcilerAndIsSettled() {
        var m = Providers.routingTo("stripe");
        stripe.processingFor(Duration.ofMillis(1500));
        JsonPath p = m.api().body(Bodies.cardPayment(1234, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
        String id = p.getString("id");
        assertEquals("processing", p.getString("status"));
        assertNotNull(row(id).get("reconcile_after"), "a pending answer keeps the payment queued for the reconciler");

        long ms = awaitStatus(m, id, "captured");
        System.out.println("SETTLE processing (Stripe processing 1.5 s) -> captured: " + ms + " ms");
        assertEquals(1, stripe.chargesForPayment(id));
        assertTrue(((Number) Db.one("SELECT count(*) AS n FROM payment_attempts WHERE payment_id = ? AND operation = 'status'",
                id).get("n")).intValue() >= 1);
    }

    @Test
    void aCaptureThatNeverTookEffectGoesBackToAuthorizedAndCanBeCapturedAgain() {
        var m = Providers.routingTo("stripe");
        JsonPath p = authorize(m);
        String id = p.getString("id");
        String intent = p.getString("provider_reference");

        stripe.update(dropRequests());
        m.api().post("/api/v1/payments/" + id + "/capture").then().statusCode(202);
        String firstKey = (String) attempt(id, "capture").get("provider_idempotency_key");
        stripe.resetSettings();
        long ms = awaitStatus(m, id, "authorized");
        System.out.println("SETTLE capture_pending (never reached Stripe) -> authorized: " + ms + " ms");
        assertEquals(0, stripe.capturesForIntent(intent), "the reconciler never captures");
        assertEquals(2, authorizedEvents(id), "the merchant, told capture_pending, learns it is authorized again");

        m.api().post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("captured"));
        assertEquals(1, stripe.capturesForIntent(intent));
        assertTrue(!firstKey.equals(attempt(id, "capture").get("provider_idempotency_key")), "a new attempt, a new key");
    }

    @Test
    void aPayPalCaptureThatNeverTookEffectIsSettledBackToAuthorizedByTheAuthorizationsStatus() {
        var m = Providers.routingTo("paypal");
        JsonPath p = authorize(m);
        String id = p.getString("id");
        String order = p.getString("provider_reference");

        paypal.loseNextResponses(1); // the order lookup before the capture: the capture is never sent
        m.api().post("/api/v1/payments/" + id + "/capture").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("capture_pending"));
        long ms = awaitStatus(m, id, "authorized");
        System.out.println("SETTLE capture_pending (PayPal, never sent) -> authorized: " + ms + " ms");
        assertEquals(0, paypal.capturesFor(order));
        assertEquals(2, authorizedEvents(id), "the merchant, told capture_pending, learns it is authorized again");
        m.api().post("/api/v1/payments/" + id + "/capture").then().statusCode(200);
        assertEquals(1, paypal.capturesFor(order));
    }

    @Test
    void aCaptureRefusedBeforeProcessingGoesBackToAuthorizedWithTheProblem() {
        var m = Providers.routingTo("stripe");
        JsonPath p = authorize(m);
        String id = p.getString("id");
        stripe.update(new StripeSandboxSettings(null, null, null, 1.0, null, null, null, null, null, null, null, null));
        m.api().post("/api/v1/payments/" + id + "/capture").then().statusCode(503)
                .body("code", org.hamcrest.Matchers.equalTo("PROVIDER_UNAVAILABLE"));
        assertEquals("authorized", row(id).get("status"));
        assertNull(row(id).get("reconcile_after"), "nothing for the reconciler");
        assertEquals("not_sent", attempt(id, "capture").get("outcome"));
        assertEquals(0, stripe.capturesForIntent(p.getString("provider_reference")));
    }

    @Test
    void twoConcurrentCapturesMakeOneProviderCaptureAndTheOtherIsAConflict() throws Exception {
        var m = Providers.routingTo("stripe");
        JsonPath p = authorize(m);
        String id = p.getString("id");
        String intent = p.getString("provider_reference");
        stripe.update(new StripeSandboxSettings(null, 300L, null, null, null, null, null, null, null, null, null, null));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(() -> m.api().post("/api/v1/payments/" + id + "/capture"));
        }
        List<Integer> codes = new ArrayList<>();
        try {
            for (Future<Response> f : pool.invokeAll(calls)) {
                codes.add(f.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }
        codes.sort(null);
        assertEquals(List.of(200, 409), codes);
        assertEquals(1, stripe.capturesForIntent(intent));
        assertEquals(1L, Db.one("SELECT count(*) AS n FROM payment_attempts WHERE payment_id = ? AND operation = 'capture'",
                id).get("n"));
    }

    private static int authorizedEvents(String paymentId) {
        return Db.query("SELECT 1 FROM events WHERE object_id = ? AND type = 'payment.authorized'", paymentId).size();
    }
}
