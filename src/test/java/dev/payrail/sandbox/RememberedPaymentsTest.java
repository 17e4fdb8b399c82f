package dev.payrail.sandbox;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.sandbox.paypal.PayPalSandbox;
import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import dev.payrail.support.RedisTestClient;
import dev.payrail.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The in-process providers remember only {@code payrail.sandbox.remembered-payments} payments (5
 * here): more payments through the API leave every store at the bound, the newest payment can
 * still be captured and refunded, and the oldest gets the provider's clear answer.
 */
@QuarkusTest
@TestProfile(RememberedPaymentsTest.RememberFive.class)
class RememberedPaymentsTest {

    static final int REMEMBERED = 5;
    static final int PAYMENTS = 8;

    public static class RememberFive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payrail.sandbox.remembered-payments", String.valueOf(REMEMBERED));
        }
    }

    @Inject
    SimulatorConnector simulator;
    @Inject
    StripeSandbox stripe;
    @Inject
    PayPalSandbox paypal;

    private static List<JsonPath> authorize(Providers.Merchant m, String body) {
        List<JsonPath> payments = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            JsonPath p = m.api().body(body).post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
            assertEquals("authorized", p.getString("status"));
            payments.add(p);
        }
        return payments;
    }

    private static void captureAndRefund(Providers.Merchant m, String id) {
        m.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("status", equalTo("captured"));
        m.api().body("{}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("status", equalTo("processed"));
    }

    private static void assertBounded(Map<String, Integer> stores, String... full) {
        stores.forEach((store, size) -> assertTrue(size <= REMEMBERED, store + " holds " + size + ": " + stores));
        for (String store : full) {
            assertEquals(REMEMBERED, stores.get(store), store + " is full: " + stores);
        }
    }

    @Test
    void theSimulatorRemembersTheLastPaymentsAndNeedsNoMemoryToCapture() {
        var m = Providers.routingTo("simulator");
        List<JsonPath> payments = authorize(m, Bodies.cardPayment(1000, "USD", "4242424242424242", "manual"));
        assertBounded(simulator.remembered(), "byIdempotencyKey", "byReference", "chargesByPayment");
        String newest = payments.get(PAYMENTS - 1).getString("id");
        String oldest = payments.get(0).getString("id");
        assertEquals(1, simulator.chargesFor(newest));
        assertEquals(0, simulator.chargesFor(oldest), "forgotten");

        captureAndRefund(m, newest);
        assertBounded(simulator.remembered(), "byIdempotencyKey", "byReference", "chargesByPayment");
        // A reference forgotten by memory is answered from the journal, as a provider's records outlive
        // its caches (never "no record"); capture needs no memory.
        String oldReference = payments.get(0).getString("provider_reference");
        var status = simulator.status(new ConnectorRequests.Status(oldest, oldReference, 1000, "USD")).await().indefinitely();
        assertEquals(Outcome.SUCCEEDED, status.outcome());
        assertEquals(dev.payrail.connector.PaymentStage.AUTHORIZED, status.stageOrPending());
        m.api().body("{}").post("/api/v1/payments/" + oldest + "/capture").then().statusCode(200)
                .body("status", equalTo("captured"));
        var captured = simulator.status(new ConnectorRequests.Status(oldest, oldReference, 1000, "USD")).await()
                .indefinitely();
        assertEquals(dev.payrail.connector.PaymentStage.CAPTURED, captured.stageOrPending(),
                "the capture's stage is in the journal");
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            long ttl = Long.parseLong(String.valueOf(redis.call("PTTL", TestEnvironment.REDIS_PREFIX + "sim:ref:" + oldReference)));
            assertTrue(ttl > 0 && ttl <= 24 * 3600 * 1000L, "the journal entry expires within a day: " + ttl);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theStripeEmulatorRemembersTheLastPaymentsAndForgetsTheOldestWithResourceMissing() {
        var m = Providers.routingTo("stripe");
        List<JsonPath> payments = authorize(m, Bodies.cardPayment(1000, "USD", "4242424242424242", "manual"));
        assertBounded(stripe.remembered(), "intents", "idempotency", "chargesByPayment", "paymentMethods");
        String newest = payments.get(PAYMENTS - 1).getString("id");
        String oldest = payments.get(0).getString("id");
        assertEquals(1, stripe.chargesForPayment(newest));
        assertEquals(0, stripe.chargesForPayment(oldest), "forgotten");

        captureAndRefund(m, newest);
        assertBounded(stripe.remembered(), "intents", "idempotency", "chargesByPayment");
        assertEquals(1, stripe.remembered().get("refunds"));

        RestAssured.given().header("Authorization", "Bearer sk_test_payrail_sandbox")
                .get("/sandbox/stripe/v1/payment_intents/" + payments.get(0).getString("provider_reference"))
                .then().statusCode(404).body("error.code", equalTo("resource_missing"));
        m.api().body("{}").post("/api/v1/payments/" + oldest + "/capture").then().statusCode(502)
                .body("code", equalTo("PROVIDER_ERROR")).body("provider_error_code", equalTo("resource_missing"));
        // Like Stripe, a 404 answer is not saved for idempotent replay: that key left the store again.
        assertBounded(stripe.remembered(), "intents", "chargesByPayment");
    }

    @Test
    void thePayPalEmulatorRemembersTheLastOrdersAndForgetsTheOldestWithResourceNotFound() {
        var m = Providers.routingTo("paypal");
        String body = "{\"amount\":1000,\"currency\":\"USD\",\"method\":\"card\",\"provider\":\"paypal\","
                + "\"capture\":\"manual\",\"card\":" + Bodies.card("4242424242424242") + "}";
        List<JsonPath> payments = authorize(m, body);
        assertBounded(paypal.remembered(), "byRequestId", "orders", "authorizations");
        String newest = payments.get(PAYMENTS - 1).getString("id");
        String oldest = payments.get(0).getString("id");
        String oldOrder = payments.get(0).getString("provider_reference");
        assertEquals(null, paypal.statusOf(oldOrder), "forgotten with its authorization");

        captureAndRefund(m, newest);
        assertBounded(paypal.remembered(), "byRequestId", "orders", "authorizations");
        assertEquals(1, paypal.capturesForReference(newest));
        assertEquals(1, paypal.remembered().get("captures"));

        m.api().body("{}").post("/api/v1/payments/" + oldest + "/capture").then().statusCode(502)
                .body("code", equalTo("PROVIDER_ERROR")).body("provider_error_code", equalTo("invalid_resource_id"));
        assertEquals(0, paypal.capturesForReference(oldest));
        assertBounded(paypal.remembered(), "byRequestId", "orders", "authorizations");
    }
}
