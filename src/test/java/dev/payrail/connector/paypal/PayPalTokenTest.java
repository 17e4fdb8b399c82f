package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.sandbox.paypal.PayPalSandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** OAuth2 tokens: one request serves many calls; an expiring token is refreshed once, even under concurrency. */
@QuarkusTest
class PayPalTokenTest {

    @Inject
    PayPalSandbox sandbox;

    @Inject
    PayPalConnector connector;

    @AfterEach
    void restoreTokenLifetime() {
        sandbox.tokenTtl(null);
    }

    private ConnectorResult purchase() {
        String id = Ids.newId("pay_");
        return connector.authorize(PayPalReconciliationTest.card(id, "4242424242424242", true)).await()
                .atMost(Duration.ofSeconds(30));
    }

    @Test
    void manyCallsShareOneToken() {
        purchase(); // a token exists now
        long before = sandbox.tokenRequests();
        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.SUCCEEDED, purchase().outcome());
        }
        assertEquals(before, sandbox.tokenRequests());
    }

    @Test
    void anExpiringTokenIsRefreshedOnceForConcurrentCalls() {
        // The connector refreshes 60 s before expiry: a 61 s token is usable for about one second.
        sandbox.tokenTtl(Duration.ofSeconds(61));
        long before = sandbox.tokenRequests();
        sandbox.revokeTokens();
        assertEquals(Outcome.SUCCEEDED, purchase().outcome(), "a revoked token (401) is replaced and the call retried");
        long afterFirst = sandbox.tokenRequests();
        assertEquals(before + 1, afterFirst);
        Awaitility.await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        sandbox.tokenTtl(null);

        List<Uni<ConnectorResult>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(connector.authorize(PayPalReconciliationTest.card(Ids.newId("pay_"), "4242424242424242", true)));
        }
        List<?> results = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(60));
        results.forEach(r -> assertEquals(Outcome.SUCCEEDED, ((ConnectorResult) r).outcome()));
        assertEquals(afterFirst + 1, sandbox.tokenRequests(), "exactly one refresh for ten concurrent calls");
        assertTrue(connector.tokenRequestsSent() >= 2);
    }
}
