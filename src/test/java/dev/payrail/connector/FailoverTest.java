package dev.payrail.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.sandbox.stripe.StripeSandboxSettings;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** A provider that answers 503 opens its breaker; payments fail over, and the breaker recovers. */
@QuarkusTest
class FailoverTest {

    @Inject
    StripeSandbox sandbox;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    private static StripeSandboxSettings unavailable(double rate) {
        return new StripeSandboxSettings(null, null, null, rate, null, null, null, null, null, null, null, null);
    }

    private static JsonPath payAndRead(Providers.Merchant m) {
        String id = m.api().body(Bodies.cardPayment(1200, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String stripeBreaker(Providers.Merchant m) {
        List<String> states = m.api().get("/api/v1/providers").then().statusCode(200).extract().jsonPath()
                .getList("data.findAll { it.provider == 'stripe' }.health.circuit_breaker");
        return states.get(0);
    }

    @Test
    void unavailableProviderOpensItsBreakerPaymentsFailOverAndItRecovers() {
        var m = Providers.routingTo("stripe", "simulator");
        assertEquals("closed", stripeBreaker(m));
        sandbox.update(unavailable(1.0));

        // 503 with nothing processed: retried with the same key, then failed over to the simulator.
        JsonPath first = payAndRead(m);
        assertEquals("captured", first.getString("status"));
        assertEquals("simulator", first.getString("provider"));
        assertEquals(List.of("stripe", "simulator"), first.getList("attempts.provider"));
        assertEquals(List.of("not_sent", "succeeded"), first.getList("attempts.outcome"));
        assertEquals("provider_unavailable", first.getString("attempts[0].error_code"));
        assertEquals(3, sandbox.requestsForPayment(first.getString("id")), "one call and two retries");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            payAndRead(m);
            return breakers.currentState("stripe") == CircuitBreakerState.OPEN;
        });
        assertEquals("open", stripeBreaker(m));

        // Breaker open: Stripe is not called at all, the failover is immediate.
        long calls = sandbox.requests();
        JsonPath skipped = payAndRead(m);
        assertEquals(calls, sandbox.requests(), "an open breaker sends nothing");
        assertEquals("simulator", skipped.getString("provider"));
        assertEquals("circuit_open", skipped.getString("attempts[0].error_code"));
        assertTrue(skipped.getInt("attempts[0].latency_ms") < 50,
                "failover within 50 ms: " + skipped.getInt("attempts[0].latency_ms"));

        // Stripe is back: after the breaker's delay it half-opens, trial calls succeed, it closes.
        sandbox.resetSettings();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonPath p = payAndRead(m);
            return "stripe".equals(p.getString("provider")) && breakers.currentState("stripe") == CircuitBreakerState.CLOSED;
        });
        assertEquals("closed", stripeBreaker(m));
    }

    @Test
    void providerStatusNeverShowsSecretsAndReportsHealth() {
        var m = Providers.routingTo("stripe", "simulator");
        payAndRead(m);
        JsonPath list = m.api().get("/api/v1/providers").then().statusCode(200).extract().jsonPath();
        assertEquals(Boolean.TRUE, list.get("data.find { it.provider == 'stripe' }.enabled"));
        assertEquals(1, (int) list.get("data.find { it.provider == 'stripe' }.priority"));
        assertEquals(2, (int) list.get("data.find { it.provider == 'simulator' }.priority"));
        assertTrue((int) list.get("data.find { it.provider == 'stripe' }.health.recent_calls") >= 1);
        assertTrue(list.getDouble("data.find { it.provider == 'stripe' }.health.success_rate") > 0);
        assertTrue(list.get("data.find { it.provider == 'stripe' }.health.p95_latency_ms") != null);
    }

    private static StripeSandboxSettings failing(double rate) {
        return new StripeSandboxSettings(null, null, null, null, rate, null, null, null, null, null, null, null);
    }

    /**
     * A 500 may come after Stripe processed the request. When such a try is followed by a retry that the
     * breaker refuses unsent (it opened on that very 500), the call as a whole is unknown: no failover to
     * another provider, which could charge the customer twice.
     */
    @Test
    void aRetryRefusedByABreakerThatOpenedOnAnAmbiguousTryIsUnknownNeverAFailover() {
        breakers.resetAll();
        var m = Providers.routingTo("stripe", "simulator");
        sandbox.update(failing(1.0));

        // Three 500s (a call and two retries), below the test breaker's volume threshold of 4: unknown.
        JsonPath first = payAndRead(m);
        assertEquals(List.of("unknown"), first.getList("attempts.outcome"));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("stripe"));

        // The next call's first 500 fills the window and opens the breaker; its retry is refused unsent.
        JsonPath second = payAndRead(m);
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("stripe"));
        assertEquals("stripe", second.getString("provider"), "no failover after a try that may have reached Stripe");
        assertEquals("processing", second.getString("status"), "unknown, shown as processing: never failed");
        assertEquals(List.of("unknown"), second.getList("attempts.outcome"));
        assertEquals(List.of("stripe"), second.getList("attempts.provider"));

        // Stripe's 500s were refusals at its front door: the reconciler learns that Stripe has no record
        // of either payment and fails them, with nothing left for the next test's request counts.
        sandbox.resetSettings();
        breakers.resetAll();
        for (JsonPath p : List.of(first, second)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(m.api()
                    .get("/api/v1/payments/" + p.getString("id")).then().statusCode(200).extract().path("status")));
        }
    }
}
