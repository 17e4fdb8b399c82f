package dev.payrail.refund;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Pending and settled refund amounts are kept apart: the payment's status follows the settled
 * amount, a failed refund releases exactly its reservation, and a connector that is missing or does
 * not offer refunds is refused before anything is reserved.
 */
@QuarkusTest
class RefundAmountsTest {

    private static String capturedPayment(long amount) {
        return Api.seeded().body(Bodies.cardPayment(amount, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).body("status", equalTo("captured")).extract().path("id");
    }

    private static JsonPath payment(String id) {
        return Api.seeded().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath refund(String paymentId, long amount) {
        return Api.seeded().body("{\"amount\":" + amount + "}").post("/api/v1/payments/" + paymentId + "/refunds").then()
                .statusCode(201).extract().jsonPath();
    }

    /**
     * Issue 14 item 4: a refund that fails later (7778, pending first) and one of the rest
     * (processed at once), made concurrently. While the first is pending the payment is only
     * partially refunded; when it fails, its reservation is released and the rest is refundable again.
     */
    @Test
    void aFailedPendingRefundNextToAProcessedOneLeavesThePaymentPartiallyRefundedAndTheRestRefundable()
            throws Exception {
        String id = capturedPayment(10_000);
        long pendingAmount = SimulatorConnector.REFUND_FAILS_LATER;
        long rest = 10_000 - pendingAmount;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        JsonPath slow;
        JsonPath quick;
        try {
            Future<JsonPath> a = pool.submit(() -> refund(id, pendingAmount));
            Future<JsonPath> b = pool.submit(() -> refund(id, rest));
            slow = a.get();
            quick = b.get();
        } finally {
            pool.shutdown();
        }
        assertEquals("pending", slow.getString("status"));
        assertEquals("processed", quick.getString("status"));

        JsonPath during = payment(id);
        assertEquals("partially_refunded", during.getString("status"), "a pending refund is not a settled one");
        assertEquals(rest, during.getLong("amount_refunded"));
        assertEquals(pendingAmount, during.getLong("amount_refund_pending"));
        Api.seeded().body("{\"amount\":1}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(400)
                .body("param", equalTo("amount"));

        String slowId = slow.getString("id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(
                Api.seeded().get("/api/v1/refunds/" + slowId).then().extract().path("status")));
        JsonPath after = payment(id);
        assertEquals("partially_refunded", after.getString("status"));
        assertEquals(rest, after.getLong("amount_refunded"));
        assertEquals(0, after.getLong("amount_refund_pending"), "the failed refund released exactly its reservation");

        JsonPath again = refund(id, 5000);
        assertEquals("processed", again.getString("status"));
        JsonPath last = payment(id);
        assertEquals(rest + 5000, last.getLong("amount_refunded"));
        assertEquals("partially_refunded", last.getString("status"));
    }

    @Test
    void aMissingConnectorIs503AndNothingIsReserved() {
        String id = capturedPayment(3000);
        // As if the payment's connector had been removed from the deployment.
        Db.update("UPDATE payments SET provider = 'retired_provider' WHERE id = ?", id);
        Object version = Db.one("SELECT version FROM payments WHERE id = ?", id).get("version");
        Api.seeded().body("{\"amount\":1000}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(503)
                .contentType("application/problem+json").body("code", equalTo("PROVIDER_UNAVAILABLE"));
        assertNothingWritten(id, version);
    }

    @Test
    void aConnectorThatDoesNotOfferRefundsIs422AndNothingIsReserved() {
        String id = capturedPayment(3000);
        // Bank transfer refunds are paid out by hand: the connector does not offer them.
        Db.update("UPDATE payments SET provider = 'bank_transfer' WHERE id = ?", id);
        Object version = Db.one("SELECT version FROM payments WHERE id = ?", id).get("version");
        Api.seeded().body("{}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("OPERATION_NOT_SUPPORTED"))
                .body("operation", equalTo("refund"));
        assertNothingWritten(id, version);
    }

    private static void assertNothingWritten(String paymentId, Object version) {
        assertEquals(0L, Db.one("SELECT count(*) AS n FROM refunds WHERE payment_id = ?", paymentId).get("n"));
        var p = Db.one("SELECT amount_refunded, amount_refund_pending, version FROM payments WHERE id = ?", paymentId);
        assertEquals(0L, ((Number) p.get("amount_refunded")).longValue());
        assertEquals(0L, ((Number) p.get("amount_refund_pending")).longValue());
        assertEquals(version, p.get("version"));
        assertEquals(List.of("authorize"), Db.query("SELECT operation FROM payment_attempts WHERE payment_id = ?",
                paymentId).stream().map(r -> r.get("operation")).toList());
    }
}
