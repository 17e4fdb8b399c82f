package dev.payrail.payment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.support.Api;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A payer who acts away from Payrail (scans a QR code in the provider's app) and whose provider's
 * notification never arrives: the reconciler asks the provider until the payment is final, and once
 * the payer's window has passed it closes the provider's order and fails the payment as
 * {@code payment_expired} — but never a payment the payer paid just before the close.
 */
@QuarkusTest
class PayerAwayTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Inject
    PayerAwayTestConnector provider;

    private static String create(String wallet) {
        return Api.seeded().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amount\":1234,\"currency\":\"CNY\",\"method\":\"wallet\",\"provider\":\""
                        + PayerAwayTestConnector.NAME + "\",\"wallet\":" + wallet + "}")
                .post("/api/v1/payments").then().statusCode(201)
                .body("status", equalTo("requires_action"))
                .body("next_action.type", equalTo("display_qr_code"))
                .body("next_action.image_data_url", startsWith("data:image/svg+xml;base64,"))
                .extract().path("id");
    }

    private static Map<String, Object> row(String id) {
        return Db.one("SELECT status, error_code, amount_captured, reconcile_after FROM payments WHERE id = ?", id);
    }

    private static List<String> attempts(String id) {
        return Db.query("SELECT operation || ':' || outcome AS a FROM payment_attempts WHERE payment_id = ? "
                + "ORDER BY created_at, id", id).stream().map(r -> (String) r.get("a")).toList();
    }

    @Test
    void aPaymentWhoseNotificationWasLostIsSettledByAskingTheProvider() {
        String id = create("{\"wallet\":\"test_qr\",\"flow\":\"qr\"}");
        assertTrue(row(id).get("reconcile_after") != null, "a payer away from Payrail is asked about");
        await().atMost(WITHIN).until(() -> provider.callsFor(id).contains("status"));
        assertEquals("requires_action", row(id).get("status"), "not paid yet is not a failure");

        provider.answerStatus(id, ConnectorResult.succeeded("away_" + id).capturedAt(1234));
        await().atMost(WITHIN).until(() -> "captured".equals(row(id).get("status")));
        assertEquals(1234L, ((Number) row(id).get("amount_captured")).longValue());
        assertEquals(null, row(id).get("reconcile_after"), "a settled payment is not asked about again");
        assertTrue(!provider.callsFor(id).contains("close"), "a paid order is never closed");
        Api.seeded().get("/api/v1/payments/" + id).then().statusCode(200)
                .body("status", equalTo("captured")).body("next_action", equalTo(null));
        assertEquals(1, Db.query("SELECT 1 FROM events WHERE object_id = ? AND type = 'payment.captured'", id).size());
    }

    @Test
    void aPayerWhoNeverPaysIsClosedAtTheProviderThenExpires() {
        String id = create("{\"wallet\":\"test_qr\"}");
        await().atMost(WITHIN).until(() -> "failed".equals(row(id).get("status")));
        assertEquals(PayerExpiry.ERROR_CODE, row(id).get("error_code"));
        List<String> calls = provider.callsFor(id);
        assertEquals("close", calls.get(calls.size() - 1), "the order is closed before the payment fails: " + calls);
        assertTrue(attempts(id).contains("void:succeeded"), attempts(id).toString());
        Api.seeded().get("/api/v1/payments/" + id).then().statusCode(200)
                .body("status", equalTo("failed")).body("error_code", equalTo("payment_expired"));
    }

    @Test
    void aCloseRefusedBecauseThePayerJustPaidLeavesThePaymentToTheNextStatusQuery() {
        String id = create("{\"wallet\":\"test_qr\"}");
        provider.answerClose(id, ConnectorResult.declined("away_" + id, "order_paid", null, "ORDERPAID"));
        await().atMost(WITHIN).until(() -> provider.callsFor(id).contains("close"));
        assertEquals("requires_action", row(id).get("status"), "a refused close fails nothing");

        provider.answerStatus(id, ConnectorResult.succeeded("away_" + id).capturedAt(1234));
        await().atMost(WITHIN).until(() -> "captured".equals(row(id).get("status")));
        assertEquals(null, row(id).get("error_code"));
    }

    @Test
    void walletFlowAndReturnUrlAreCheckedBeforeAnythingIsSent() {
        long before = Db.query("SELECT 1 FROM payments WHERE provider = ?", PayerAwayTestConnector.NAME).size();
        for (String[] bad : new String[][] {
                { "{\"wallet\":\"test_qr\",\"flow\":\"scan\"}", "wallet.flow" },
                { "{\"wallet\":\"test_qr\",\"return_url\":\"javascript:alert(1)\"}", "wallet.return_url" },
                { "{\"wallet\":\"test_qr\",\"return_url\":\"http://shop.example/done\"}", "wallet.return_url" },
                { "{\"wallet\":\"test_qr\",\"return_url\":\"https://user:pw@shop.example/done\"}", "wallet.return_url" },
                { "{\"wallet\":\"test_qr\",\"return_url\":\"/done\"}", "wallet.return_url" } }) {
            Api.seeded().header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("{\"amount\":1234,\"currency\":\"CNY\",\"method\":\"wallet\",\"provider\":\""
                            + PayerAwayTestConnector.NAME + "\",\"wallet\":" + bad[0] + "}")
                    .post("/api/v1/payments").then().statusCode(400)
                    .contentType("application/problem+json").body("param", equalTo(bad[1]));
        }
        assertEquals(before, Db.query("SELECT 1 FROM payments WHERE provider = ?", PayerAwayTestConnector.NAME).size());
    }

    @Test
    void theFlowAndReturnUrlAreKeptWithThePayment() {
        String id = create("{\"wallet\":\"test_qr\",\"flow\":\"redirect\",\"return_url\":\"https://shop.example/done?o=1\"}");
        Api.seeded().get("/api/v1/payments/" + id).then().statusCode(200)
                .body("wallet.wallet", equalTo("test_qr")).body("wallet.flow", equalTo("redirect"))
                .body("wallet.return_url", equalTo("https://shop.example/done?o=1"));
        // Leaves nothing running behind it: the payment expires within the window, then nothing polls it.
        await().atMost(WITHIN).until(() -> "failed".equals(row(id).get("status")));
    }

    @Test
    void manualCaptureIsRefusedForAProviderThatChargesAtOnce() {
        Api.seeded().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amount\":1234,\"currency\":\"CNY\",\"method\":\"wallet\",\"capture\":\"manual\",\"provider\":\""
                        + PayerAwayTestConnector.NAME + "\",\"wallet\":{\"wallet\":\"test_qr\"}}")
                .post("/api/v1/payments").then().statusCode(400)
                .contentType("application/problem+json").body("param", equalTo("capture"));
        Api.seeded().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amount\":1234,\"currency\":\"EUR\",\"method\":\"bank_transfer\",\"capture\":\"manual\"}")
                .post("/api/v1/payments").then().statusCode(400).body("param", equalTo("capture"));
    }
}
