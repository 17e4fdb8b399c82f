package dev.payrail.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.sandbox.stripe.StripeSandboxSettings;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The provider processes the charge but its answer is lost: the payment is unknown (shown as
 * processing), never failed over, and the reconciler settles it to what the provider did — and
 * nothing is ever charged twice.
 */
@QuarkusTest
class LostResponseTest {

    @Inject
    StripeSandbox sandbox;
    @Inject
    SimulatorConnector simulator;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    private static StripeSandboxSettings lose(double rate, String mode) {
        return new StripeSandboxSettings(null, null, null, null, null, null, null, rate, mode, null, null, null);
    }

    private static String pay(Providers.Merchant m, String pan) {
        return m.api().body(Bodies.cardPayment(2100, "USD", pan, "automatic")).post("/api/v1/payments").then()
                .statusCode(201).extract().path("id");
    }

    private static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void lostResponseIsUnknownNotFailedOverAndReconciledToTheProvidersState() {
        var m = Providers.routingTo("stripe", "simulator");
        sandbox.update(lose(1.0, "timeout"));
        long simulatorCalls = simulator.authorizeCalls();
        String id = pay(m, "4242424242424242");
        JsonPath p = read(m, id);
        assertEquals("processing", p.getString("status"), "unknown is shown as processing");
        assertEquals("unknown", Db.one("SELECT status FROM payments WHERE id = ?", id).get("status"));
        assertEquals(List.of("stripe"), p.getList("attempts.provider"), "never failed over");
        assertEquals("unknown", p.getString("attempts[0].outcome"));
        assertEquals(simulatorCalls, simulator.authorizeCalls());
        assertEquals(1, sandbox.chargesForPayment(id), "Stripe did charge");

        sandbox.resetSettings();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "captured".equals(read(m, id).getString("status")));
        JsonPath settled = read(m, id);
        assertEquals("stripe", settled.getString("provider"));
        assertEquals(settled.getString("provider_reference"),
                Db.one("SELECT provider_reference FROM payment_attempts WHERE payment_id = ? AND operation = 'status'", id)
                        .get("provider_reference"));
        assertEquals(1, sandbox.chargesForPayment(id));
    }

    @Test
    void aPaymentLeftInFlightByADeadProcessIsReconciled() {
        var m = Providers.routingTo("stripe", "simulator");
        sandbox.update(lose(1.0, "reset"));
        String id = pay(m, "4242424242424242");
        // As if the process had died during the call: the payment still processing, its attempt in
        // flight, only the reconcile_after written with the payment left.
        Db.update("UPDATE payments SET status = 'processing', reconcile_after = now() - interval '1 second', "
                + "reconcile_attempts = 0 WHERE id = ?", id);
        Db.update("UPDATE payment_attempts SET outcome = 'in_flight' WHERE payment_id = ?", id);
        sandbox.resetSettings();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "captured".equals(read(m, id).getString("status")));
        assertEquals(1, sandbox.chargesForPayment(id));
    }

    @Test
    void anAnsweredPaymentLeavesTheQueue() {
        var m = Providers.routingTo("stripe");
        String id = pay(m, "4242424242424242");
        assertEquals(null, Db.one("SELECT reconcile_after FROM payments WHERE id = ?", id).get("reconcile_after"));
    }

    @Test
    void aDeclineWhoseAnswerWasLostIsReconciledAsFailed() {
        var m = Providers.routingTo("stripe", "simulator");
        sandbox.update(lose(1.0, "reset"));
        String id = pay(m, "4000000000009995");
        assertEquals("unknown", Db.one("SELECT status FROM payments WHERE id = ?", id).get("status"));
        sandbox.resetSettings();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(read(m, id).getString("status")));
        assertEquals("insufficient_funds", read(m, id).getString("decline_code"));
        assertEquals(0, sandbox.chargesForPayment(id));
    }

    @Test
    void aRequestThatNeverReachedTheProviderIsFailedOnceTheProviderProvablyHasNoRecord() {
        var m = Providers.routingTo("stripe", "simulator");
        sandbox.update(new StripeSandboxSettings(null, null, null, null, null, null, 1.0, null, null, null, null, null));
        String id = pay(m, "4242424242424242");
        assertEquals("unknown", Db.one("SELECT status FROM payments WHERE id = ?", id).get("status"));
        sandbox.resetSettings();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(read(m, id).getString("status")));
        assertEquals("provider_unavailable", read(m, id).getString("error_code"));
        assertEquals(0, sandbox.chargesForPayment(id));
    }

    /**
     * 200 concurrent payments whose answers are all lost. The timeouts open Stripe's breaker on the
     * way, so payments made while it is open fail over to the simulator without reaching Stripe;
     * every payment must end captured, charged exactly once in total, and no payment whose Stripe
     * attempt is unknown may ever have been sent anywhere else.
     */
    @Test
    void twoHundredLostResponsesNeverChargeTwice() throws Exception {
        var m = Providers.routingTo("stripe", "simulator");
        sandbox.update(lose(1.0, "timeout"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> pay(m, "4242424242424242")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            sandbox.resetSettings();
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    ((Number) Db.one("SELECT count(*) AS n FROM payments WHERE merchant_id = ? AND status = 'captured'",
                            m.id()).get("n")).intValue() == 200);
            int unknown = 0;
            for (String id : ids) {
                assertEquals(1, sandbox.chargesForPayment(id) + simulator.chargesFor(id), "charged exactly once: " + id);
                List<String> outcomes = read(m, id).getList("attempts.outcome");
                if (outcomes.get(0).equals("unknown")) {
                    unknown++;
                    assertEquals(1, sandbox.chargesForPayment(id), "lost at Stripe, charged at Stripe: " + id);
                    assertEquals(0, simulator.chargesFor(id), "an unknown outcome is never failed over: " + id);
                }
            }
            assertTrue(unknown >= 16, "most concurrent first calls lose their answer: " + unknown);
        } finally {
            pool.shutdownNow();
        }
    }
}
