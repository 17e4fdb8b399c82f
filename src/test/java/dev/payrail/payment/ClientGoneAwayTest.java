package dev.payrail.payment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A client that goes away while the provider call runs (closed connection, client timeout) loses
 * the answer, never the outcome: the attempt is finished and the payment or refund settles to what
 * the provider did, for authorize, capture, void and refund alike. Nothing is left for the reconciler.
 */
@QuarkusTest
class ClientGoneAwayTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Inject
    GatedTestConnector provider;

    private static String payment(String capture) {
        return "{\"amount\":2500,\"currency\":\"USD\",\"method\":\"card\",\"capture\":\"" + capture + "\",\"provider\":\""
                + GatedTestConnector.NAME + "\",\"card\":" + Bodies.card("4242424242424242") + "}";
    }

    /** Sends the request on a raw connection, waits until its provider call started, then resets the connection. */
    private GatedTestConnector.Call sendAndHangUp(String path, String body, String idempotencyKey) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + Api.SEED_KEY
                    + "\r\nX-Api-Secret: " + Api.seedSecret() + "\r\nContent-Type: application/json\r\n"
                    + (idempotencyKey == null ? "" : "Idempotency-Key: " + idempotencyKey + "\r\n")
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            GatedTestConnector.Call call = provider.awaitCall(WITHIN);
            socket.setSoLinger(true, 0); // a reset, as a client that times out and drops the connection
            return call;
        }
    }

    /** The provider answers once the server has seen the connection go; returns when (ms). */
    private static long answerLater(GatedTestConnector.Call call) throws InterruptedException {
        Thread.sleep(400);
        call.answer();
        return System.nanoTime() / 1_000_000;
    }

    private static String paymentStatus(String id) {
        return (String) Db.one("SELECT status FROM payments WHERE id = ?", id).get("status");
    }

    private static List<Map<String, Object>> unanswered(String paymentId) {
        return Db.query("SELECT id, operation FROM payment_attempts WHERE payment_id = ? AND outcome = 'in_flight'",
                paymentId);
    }

    private static void awaitSettled(String id, String status, long answeredAt) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertEquals(status, paymentStatus(id));
            assertEquals(List.of(), unanswered(id), "attempts left in flight");
        });
        System.out.printf("RECOVERY client gone: %s stored %d ms after the provider answered%n", status,
                System.nanoTime() / 1_000_000 - answeredAt);
    }

    @Test
    void authorizeCaptureAndRefundFinishAfterTheClientWentAway() throws Exception {
        GatedTestConnector.Call authorize = sendAndHangUp("/api/v1/payments", payment("manual"), null);
        assertEquals("authorize", authorize.operation());
        String id = authorize.objectId();
        long authorizeAt = answerLater(authorize);
        awaitSettled(id, "authorized", authorizeAt);
        assertEquals(1L, Db.one("SELECT count(*) AS n FROM payment_attempts WHERE payment_id = ? AND operation = 'authorize' "
                + "AND outcome = 'succeeded'", id).get("n"));

        GatedTestConnector.Call capture = sendAndHangUp("/api/v1/payments/" + id + "/capture", "{}", null);
        assertEquals("capture", capture.operation());
        long captureAt = answerLater(capture);
        awaitSettled(id, "captured", captureAt);
        assertEquals("paid", Db.one("SELECT o.status FROM orders o JOIN payments p ON p.order_id = o.id WHERE p.id = ?", id)
                .get("status"));

        GatedTestConnector.Call refund = sendAndHangUp("/api/v1/payments/" + id + "/refunds", "{\"amount\":1000}", null);
        assertEquals("refund", refund.operation());
        answerLater(refund);
        await().atMost(WITHIN).untilAsserted(() -> {
            assertEquals("processed", Db.one("SELECT status FROM refunds WHERE id = ?", refund.objectId()).get("status"));
            assertEquals(List.of(), unanswered(id));
        });

        assertEquals(null, Db.one("SELECT reconcile_after FROM payments WHERE id = ?", id).get("reconcile_after"),
                "nothing left for the reconciler");
    }

    @Test
    void aVoidFinishesAfterTheClientWentAway() throws Exception {
        GatedTestConnector.Call authorize = sendAndHangUp("/api/v1/payments", payment("manual"), null);
        String id = authorize.objectId();
        long authorizeAt = answerLater(authorize);
        awaitSettled(id, "authorized", authorizeAt);

        GatedTestConnector.Call cancel = sendAndHangUp("/api/v1/payments/" + id + "/cancel", "", null);
        assertEquals("void", cancel.operation());
        long cancelAt = answerLater(cancel);
        awaitSettled(id, "cancelled", cancelAt);
    }

    @Test
    void theRetryOfARequestWhoseClientWentAwayGetsItsStoredAnswer() throws Exception {
        String key = "gone-" + System.nanoTime();
        String body = payment("automatic");
        GatedTestConnector.Call authorize = sendAndHangUp("/api/v1/payments", body, key);
        String id = authorize.objectId();
        long authorizeAt = answerLater(authorize);
        awaitSettled(id, "captured", authorizeAt);

        await().atMost(WITHIN).untilAsserted(() -> Api.seeded().header("Idempotency-Key", key).body(body)
                .post("/api/v1/payments").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", org.hamcrest.Matchers.equalTo(id))
                .body("status", org.hamcrest.Matchers.equalTo("captured")));
        assertEquals(1L, Db.one("SELECT count(*) AS n FROM payment_attempts WHERE payment_id = ? AND operation = 'authorize'",
                id).get("n"), "the retry made no second provider call");
    }
}
