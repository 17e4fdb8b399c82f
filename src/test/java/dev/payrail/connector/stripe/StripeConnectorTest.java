package dev.payrail.connector.stripe;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.stripe.net.Webhook;

import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.sandbox.stripe.StripeSandboxWebhooks;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Every Stripe operation through Payrail's API, the Stripe connector and the sandbox emulator over HTTP. */
@QuarkusTest
class StripeConnectorTest {

    private static final String SANDBOX_KEY = "sk_test_payrail_sandbox";
    private static final String WEBHOOK_SECRET = "whsec_payrail_sandbox_stripe_signing_secret";

    @Inject
    StripeSandbox sandbox;
    @Inject
    StripeSandboxWebhooks sandboxEvents;
    @Inject
    StripeConnector connector;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    private static JsonPath pay(Providers.Merchant m, String body, int status) {
        return m.api().body(body).post("/api/v1/payments").then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath intent(String id) {
        return RestAssured.given().header("Authorization", "Bearer " + SANDBOX_KEY)
                .get("/sandbox/stripe/v1/payment_intents/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void purchaseIsCapturedAtStripeWithOneAttempt() {
        var m = Providers.routingTo("stripe", "simulator");
        JsonPath p = pay(m, Bodies.cardPayment(1099, "USD", "4242424242424242", "automatic"), 201);
        assertEquals("captured", p.getString("status"));
        assertEquals("stripe", p.getString("provider"));
        String pi = p.getString("provider_reference");
        assertTrue(pi.startsWith("pi_"), pi);
        JsonPath intent = intent(pi);
        assertEquals("succeeded", intent.getString("status"));
        assertEquals(1099, intent.getLong("amount_received"));
        assertEquals("usd", intent.getString("currency"));
        assertEquals(p.getString("id"), intent.getString("metadata.payrail_payment_id"));
        assertEquals(1, sandbox.chargesForPayment(p.getString("id")));

        JsonPath read = m.api().get("/api/v1/payments/" + p.getString("id")).then().statusCode(200).extract().jsonPath();
        assertEquals(1, read.getList("attempts").size());
        assertEquals("stripe", read.getString("attempts[0].provider"));
        assertEquals("authorize", read.getString("attempts[0].operation"));
        assertEquals("succeeded", read.getString("attempts[0].outcome"));
        assertEquals(read.getString("attempts[0].id"), read.getString("attempts[0].provider_idempotency_key"));
        assertEquals(read.getString("attempts[0].id"), intent.getString("metadata.payrail_attempt_id"));
    }

    @Test
    void authorizeThenPartialCaptureAtStripe() {
        var m = Providers.routingTo("stripe");
        JsonPath p = pay(m, Bodies.cardPayment(5000, "EUR", "5555555555554444", "manual"), 201);
        assertEquals("authorized", p.getString("status"));
        String pi = p.getString("provider_reference");
        assertEquals("requires_capture", intent(pi).getString("status"));
        assertEquals(5000, intent(pi).getLong("amount_capturable"));

        m.api().body("{\"amount\":3000}").post("/api/v1/payments/" + p.getString("id") + "/capture").then()
                .statusCode(200).body("status", equalTo("captured")).body("amount_captured", equalTo(3000));
        JsonPath after = intent(pi);
        assertEquals("succeeded", after.getString("status"));
        assertEquals(3000, after.getLong("amount_received"));
        JsonPath read = m.api().get("/api/v1/payments/" + p.getString("id")).then().extract().jsonPath();
        assertEquals(List.of("authorize", "capture"), read.getList("attempts.operation"));
    }

    @Test
    void aCaptureStripeRefusesIsAProviderErrorAndStillAnAttempt() {
        var m = Providers.routingTo("stripe");
        JsonPath p = pay(m, Bodies.cardPayment(2000, "USD", "4242424242424242", "manual"), 201);
        // Canceled behind Payrail's back (in Stripe's dashboard, say): Stripe refuses the capture.
        RestAssured.given().header("Authorization", "Bearer " + SANDBOX_KEY).contentType("application/x-www-form-urlencoded")
                .body("cancellation_reason=abandoned")
                .post("/sandbox/stripe/v1/payment_intents/" + p.getString("provider_reference") + "/cancel")
                .then().statusCode(200);
        m.api().body("{}").post("/api/v1/payments/" + p.getString("id") + "/capture").then().statusCode(502)
                .body("code", equalTo("PROVIDER_ERROR"))
                .body("provider_error_code", equalTo("payment_intent_unexpected_state"));
        JsonPath read = m.api().get("/api/v1/payments/" + p.getString("id")).then().extract().jsonPath();
        assertEquals("authorized", read.getString("status"));
        assertEquals(List.of("authorize", "capture"), read.getList("attempts.operation"));
        assertEquals("declined", read.getString("attempts[1].outcome"));
    }

    @Test
    void cancelVoidsTheIntent() {
        var m = Providers.routingTo("stripe");
        JsonPath p = pay(m, Bodies.cardPayment(2500, "GBP", "4242424242424242", "manual"), 201);
        m.api().post("/api/v1/payments/" + p.getString("id") + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        JsonPath intent = intent(p.getString("provider_reference"));
        assertEquals("canceled", intent.getString("status"));
        assertEquals("requested_by_customer", intent.getString("cancellation_reason"));
    }

    @Test
    void declinesCarryStripesCodesAndAreNeverRetriedOrFailedOver() {
        var m = Providers.routingTo("stripe", "simulator");
        Map<String, String[]> cards = Map.of(
                "4000000000000002", new String[] { "card_declined", "generic_decline" },
                "4000000000009995", new String[] { "card_declined", "insufficient_funds" },
                "4000000000000069", new String[] { "expired_card", "expired_card" },
                "4000000000000127", new String[] { "incorrect_cvc", "incorrect_cvc" });
        for (var c : cards.entrySet()) {
            JsonPath d = pay(m, Bodies.cardPayment(1000, "USD", c.getKey(), "automatic"), 402);
            assertEquals("PAYMENT_DECLINED", d.getString("code"));
            assertEquals(c.getValue()[0], d.getString("provider_error_code"), c.getKey());
            assertEquals(c.getValue()[1], d.getString("decline_code"), c.getKey());
            assertEquals(1, sandbox.requestsForPayment(d.getString("payment_id")), "one call, no retry, for " + c.getKey());
            JsonPath read = m.api().get("/api/v1/payments/" + d.getString("payment_id")).then().extract().jsonPath();
            assertEquals("failed", read.getString("status"));
            assertEquals("stripe", read.getString("provider"));
            assertEquals(List.of("stripe"), read.getList("attempts.provider"), "never failed over");
            assertEquals("declined", read.getString("attempts[0].outcome"));
            assertEquals("requires_payment_method", intent(read.getString("provider_reference")).getString("status"));
        }
    }

    @Test
    void threeDSecureIsRequiresActionWithStripesRedirect() {
        var m = Providers.routingTo("stripe");
        JsonPath p = pay(m, Bodies.cardPayment(1500, "USD", "4000002500003155", "automatic"), 201);
        assertEquals("requires_action", p.getString("status"));
        assertEquals("redirect_to_url", p.getString("next_action.type"));
        String pi = p.getString("provider_reference");
        String url = p.getString("next_action.url");
        assertTrue(url.startsWith("http://localhost:" + RestAssured.port + "/sandbox/stripe/authenticate/" + pi + "?token="),
                "absolute: " + url);
        assertEquals("requires_action", intent(pi).getString("status"));

        // opening the page shows the amount and a form; it completes nothing and shows no secret
        String page = RestAssured.get(url).then().statusCode(200).contentType("text/html").extract().asString();
        assertTrue(page.contains("15.00 USD") && page.contains("method=\"post\""), page);
        assertFalse(page.contains("_secret_") || page.contains("client_secret"), page);
        RestAssured.get(url).then().statusCode(200);
        assertEquals("requires_action", intent(pi).getString("status"), "a GET never completes the authentication");
        assertEquals(0, sandbox.chargesForPayment(p.getString("id")));

        String complete = "/sandbox/stripe/authenticate/" + pi + "/complete";
        RestAssured.given().formParam("token", "x".repeat(24)).formParam("result", "approve").post(complete).then()
                .statusCode(404);
        assertEquals("requires_action", intent(pi).getString("status"), "a wrong token completes nothing");
        String token = url.substring(url.indexOf("token=") + 6);
        String done = RestAssured.given().formParam("token", token).formParam("result", "approve").post(complete).then()
                .statusCode(200).contentType("text/html").extract().asString();
        assertTrue(done.contains("Authentication complete"), done);
        assertFalse(done.contains("_secret_") || done.contains("client_secret"), done);
        assertEquals("succeeded", intent(pi).getString("status"));
        assertEquals(1, sandbox.chargesForPayment(p.getString("id")));
        RestAssured.get(url).then().statusCode(404);
    }

    @Test
    void fullAndPartialRefundsAtStripe() {
        var m = Providers.routingTo("stripe");
        JsonPath p = pay(m, Bodies.cardPayment(4000, "USD", "4242424242424242", "automatic"), 201);
        String id = p.getString("id");
        m.api().body("{\"amount\":1500,\"reason\":\"requested_by_customer\"}").post("/api/v1/payments/" + id + "/refunds")
                .then().statusCode(201).body("status", equalTo("processed")).body("provider_reference", startsWith("re_"));
        m.api().body("{}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("status", equalTo("processed")).body("amount", equalTo(2500));
        m.api().get("/api/v1/payments/" + id).then().body("status", equalTo("refunded"))
                .body("amount_refunded", equalTo(4000));
    }

    @Test
    void idempotencyKeyReplaysLikeStripe() {
        String form = "amount=700&currency=usd&confirm=true&payment_method=pm_card_visa";
        String key = "idem-" + System.nanoTime();
        var first = RestAssured.given().header("Authorization", "Bearer " + SANDBOX_KEY).header("Idempotency-Key", key)
                .contentType("application/x-www-form-urlencoded").body(form).post("/sandbox/stripe/v1/payment_intents")
                .then().statusCode(200).extract();
        var again = RestAssured.given().header("Authorization", "Bearer " + SANDBOX_KEY).header("Idempotency-Key", key)
                .contentType("application/x-www-form-urlencoded").body(form).post("/sandbox/stripe/v1/payment_intents")
                .then().statusCode(200).header("Idempotent-Replayed", "true").extract();
        assertEquals(first.path("id").toString(), again.path("id").toString());
        assertEquals(1, sandbox.chargesForIntent(first.path("id")));
        RestAssured.given().header("Authorization", "Bearer " + SANDBOX_KEY).header("Idempotency-Key", key)
                .contentType("application/x-www-form-urlencoded").body(form.replace("700", "701"))
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(400)
                .body("error.type", equalTo("idempotency_error"));
        RestAssured.given().contentType("application/x-www-form-urlencoded").body(form)
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(401)
                .body("error.type", equalTo("invalid_request_error"));
    }

    private InboundWebhook inbound(byte[] body, String signature) {
        return new InboundWebhook("stripe", signature == null ? Map.of() : Map.of("stripe-signature", signature), body,
                Instant.now());
    }

    @Test
    void inboundWebhooksAreVerifiedAndTranslated() throws Exception {
        long now = Instant.now().getEpochSecond();
        var succeeded = sandboxEvents.signed("payment_intent.succeeded",
                Map.of("id", "pi_123", "object", "payment_intent", "amount_received", 1200, "currency", "usd",
                        "status", "succeeded"),
                WEBHOOK_SECRET, now);
        // stripe-java accepts what the sandbox signs
        Webhook.constructEvent(new String(succeeded.payload(), StandardCharsets.UTF_8), succeeded.signature(),
                WEBHOOK_SECRET, 300);
        ProviderEvent e = connector.verifyWebhook(inbound(succeeded.payload(), succeeded.signature())).await().indefinitely();
        assertEquals(ProviderEvent.Kind.CAPTURED, e.kind());
        assertEquals("pi_123", e.providerReference());
        assertEquals(1200L, e.amount());
        assertEquals(succeeded.eventId(), e.eventId());

        var failed = sandboxEvents.signed("payment_intent.payment_failed", Map.of("id", "pi_9", "amount", 50,
                "last_payment_error", Map.of("code", "card_declined", "decline_code", "insufficient_funds")),
                WEBHOOK_SECRET, now);
        ProviderEvent f = connector.verifyWebhook(inbound(failed.payload(), failed.signature())).await().indefinitely();
        assertEquals(ProviderEvent.Kind.FAILED, f.kind());
        assertEquals("insufficient_funds", f.declineCode());

        var capturable = sandboxEvents.signed("payment_intent.amount_capturable_updated",
                Map.of("id", "pi_7", "amount_capturable", 900), WEBHOOK_SECRET, now);
        assertEquals(ProviderEvent.Kind.AUTHORIZED,
                connector.verifyWebhook(inbound(capturable.payload(), capturable.signature())).await().indefinitely().kind());
        var canceled = sandboxEvents.signed("payment_intent.canceled", Map.of("id", "pi_8"), WEBHOOK_SECRET, now);
        assertEquals(ProviderEvent.Kind.CANCELLED,
                connector.verifyWebhook(inbound(canceled.payload(), canceled.signature())).await().indefinitely().kind());
        var refunded = sandboxEvents.signed("charge.refunded", Map.of("id", "ch_1", "object", "charge", "refunds",
                Map.of("data", List.of(Map.of("id", "re_1", "status", "succeeded", "amount", 300)))), WEBHOOK_SECRET, now);
        ProviderEvent r = connector.verifyWebhook(inbound(refunded.payload(), refunded.signature())).await().indefinitely();
        assertEquals(ProviderEvent.Kind.REFUND_PROCESSED, r.kind());
        assertEquals("re_1", r.providerReference());
        var dispute = sandboxEvents.signed("charge.dispute.created", Map.of("id", "dp_1", "payment_intent", "pi_5",
                "amount", 700, "reason", "fraudulent"), WEBHOOK_SECRET, now);
        ProviderEvent d = connector.verifyWebhook(inbound(dispute.payload(), dispute.signature())).await().indefinitely();
        assertEquals(ProviderEvent.Kind.DISPUTED, d.kind());
        assertEquals("pi_5", d.providerReference());

        // tampered body
        byte[] tampered = new String(succeeded.payload(), StandardCharsets.UTF_8).replace("1200", "9999")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookRejectedException.class,
                () -> connector.verifyWebhook(inbound(tampered, succeeded.signature())).await().indefinitely());
        // stale: signed six minutes ago
        var stale = sandboxEvents.signed("payment_intent.succeeded", Map.of("id", "pi_1"), WEBHOOK_SECRET, now - 360);
        assertThrows(WebhookRejectedException.class,
                () -> connector.verifyWebhook(inbound(stale.payload(), stale.signature())).await().indefinitely());
        // wrong secret, and no signature at all
        var forged = sandboxEvents.signed("payment_intent.succeeded", Map.of("id", "pi_1"), "whsec_attacker", now);
        assertThrows(WebhookRejectedException.class,
                () -> connector.verifyWebhook(inbound(forged.payload(), forged.signature())).await().indefinitely());
        assertThrows(WebhookRejectedException.class,
                () -> connector.verifyWebhook(inbound(forged.payload(), null)).await().indefinitely());
        assertNull(null);
    }
}
