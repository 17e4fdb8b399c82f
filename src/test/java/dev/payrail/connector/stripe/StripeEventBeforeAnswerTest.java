package dev.payrail.connector.stripe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Stripe may deliver {@code payment_intent.succeeded} (or {@code .canceled}) before its answer to the
 * capture (or cancel) call reaches us, and the event then stores the outcome first. The merchant's
 * capture is still a success, not a {@code 409}; the attempt still records Stripe's answer; and the
 * merchant is told once. The emulator applies the call, sends the event, then holds its HTTP answer for
 * the configured latency: the event wins the race every time.
 */
@QuarkusTest
class StripeEventBeforeAnswerTest {

    private Providers.Merchant merchant;

    @AfterEach
    void fastAgain() {
        Api.admin().delete("/admin/v1/sandbox/stripe/settings").then().statusCode(200);
    }

    /** A merchant with its own emulated Stripe account whose events come to its own endpoint. */
    private Providers.Merchant merchantWithItsOwnEvents() {
        Providers.Merchant m = Providers.routingTo("stripe");
        String key = "sk_test_race_" + Long.toString(System.nanoTime(), 36);
        String secret = given().header("Authorization", "Bearer " + key).contentType("application/x-www-form-urlencoded")
                .formParam("url", "http://localhost:" + RestAssured.port + "/webhooks/stripe/" + m.id())
                .formParam("enabled_events[0]", "*")
                .post("/sandbox/stripe/v1/webhook_endpoints").then().statusCode(200).extract().path("secret");
        m.api().body("{\"secret_key\":\"" + key + "\",\"webhook_secret\":\"" + secret + "\"}")
                .put("/api/v1/providers/stripe/credentials").then().statusCode(200);
        return m;
    }

    private String authorized(Providers.Merchant m) {
        String id = m.api().body(Bodies.cardPayment(2100, "USD", "4242424242424242", "manual")).post("/api/v1/payments")
                .then().statusCode(201).body("status", equalTo("authorized")).extract().path("id");
        String pi = reference(id);
        // the authorization's own event is in before the race starts
        await().atMost(Duration.ofSeconds(10)).until(() -> !Db.query("SELECT 1 FROM provider_events WHERE provider = "
                + "'stripe' AND provider_reference = ? AND processed_at IS NOT NULL", pi).isEmpty());
        return id;
    }

    private static String reference(String paymentId) {
        return (String) Db.one("SELECT provider_reference FROM payments WHERE id = ?", paymentId).get("provider_reference");
    }

    private static void slowAnswers() {
        Api.admin().body("{\"latency_distribution\":\"fixed\",\"latency_ms\":700}").put("/admin/v1/sandbox/stripe/settings")
                .then().statusCode(200);
    }

    private static void assertEventWonAndAttemptAnswered(String paymentId, String eventType, String operation,
            String paymentEvent) {
        Map<String, Object> event = Db.one("SELECT status FROM provider_events WHERE provider = 'stripe' "
                + "AND provider_reference = ? AND event_type = ?", reference(paymentId), eventType);
        assertEquals("applied", event.get("status"), "the provider's event stored the outcome first: the race was run");
        List<Map<String, Object>> attempts = Db.query("SELECT outcome FROM payment_attempts WHERE payment_id = ? "
                + "AND operation = ?", paymentId, operation);
        assertEquals(List.of(Map.of("outcome", "succeeded")), attempts, "Stripe's answer is on the attempt");
        assertEquals(List.of(Map.of("n", 1L)), Db.query("SELECT count(*) AS n FROM events WHERE object_id = ? "
                + "AND type = ?", paymentId, paymentEvent), "the merchant is told once");
    }

    @Test
    void aCaptureWhoseSucceededEventArrivesFirstIsACapture() {
        merchant = merchantWithItsOwnEvents();
        String id = authorized(merchant);
        slowAnswers();

        merchant.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("status", equalTo("captured")).body("amount_captured", equalTo(2100));

        assertEventWonAndAttemptAnswered(id, "payment_intent.succeeded", "capture", "payment.captured");
        merchant.api().get("/api/v1/payments/" + id).then().statusCode(200).body("status", equalTo("captured"));
    }

    @Test
    void aCancelWhoseCanceledEventArrivesFirstIsACancel() {
        merchant = merchantWithItsOwnEvents();
        String id = authorized(merchant);
        slowAnswers();

        merchant.api().post("/api/v1/payments/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));

        assertEventWonAndAttemptAnswered(id, "payment_intent.canceled", "void", "payment.cancelled");
    }
}
