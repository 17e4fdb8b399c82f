package dev.payrail.payment.async;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.refund.RefundSettler;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AsyncProcessingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    PaymentJobWorker worker;

    @Inject
    PaymentJobStore jobs;

    @Inject
    RefundSettler settler;

    @Inject
    SimulatorConnector simulator;

    static String status(String paymentId) {
        return Api.seeded().get("/api/v1/payments/" + paymentId).then().statusCode(200).extract().path("status");
    }

    @Test
    void anAsyncPaymentCompletesAfterTheWorkerRestarts() {
        worker.pause();
        String paymentId;
        try {
            paymentId = Api.seeded().header("Prefer", "respond-async, wait=10")
                    .body(Bodies.upiPayment(4200, "success@upi")).post("/api/v1/payments").then()
                    .statusCode(202).header("Preference-Applied", "respond-async")
                    .body("status", equalTo("processing")).extract().path("id");
            assertEquals(1, Db.query("SELECT 1 FROM payment_jobs WHERE payment_id = ?", paymentId).size());
            // A worker claims the job and dies before calling the provider.
            var claimed = jobs.claim(100, Duration.ofSeconds(2)).await().atMost(WAIT);
            assertTrue(claimed.stream().anyMatch(j -> j.paymentId().equals(paymentId)));
            assertEquals("processing", status(paymentId));
            assertEquals(0, simulator.chargesFor(paymentId));
        } finally {
            worker.resume();
        }
        // A fresh worker takes the job over once the dead one's lease ran out.
        await().atMost(WAIT).until(() -> "captured".equals(status(paymentId)));
        await().atMost(WAIT).until(() -> Db.query("SELECT 1 FROM payment_jobs WHERE payment_id = ?", paymentId).isEmpty());
        assertEquals(1, simulator.chargesFor(paymentId));
        assertEquals(1, Db.query("SELECT 1 FROM events WHERE object_id = ? AND type = 'payment.created'", paymentId).size());
        assertEquals(1, Db.query("SELECT 1 FROM events WHERE object_id = ? AND type = 'payment.captured'", paymentId).size());
    }

    @Test
    void declinesComeAsynchronouslyToo() {
        String paymentId = Api.seeded().header("Prefer", "respond-async")
                .body(Bodies.upiPayment(4300, "failure@upi")).post("/api/v1/payments").then()
                .statusCode(202).extract().path("id");
        await().atMost(WAIT).until(() -> "failed".equals(status(paymentId)));
        Api.seeded().get("/api/v1/payments/" + paymentId).then().body("decline_code", equalTo("payment_declined_by_payer"));
    }

    @Test
    void cardPaymentsAreNeverQueuedBecauseCardDataIsNeverStored() {
        String paymentId = Api.seeded().header("Prefer", "respond-async")
                .body(Bodies.cardPayment(1200, "EUR", "4242424242424242", "automatic")).post("/api/v1/payments").then()
                .statusCode(201).header("Preference-Applied", nullValue()).body("status", equalTo("captured"))
                .extract().path("id");
        assertTrue(Db.query("SELECT 1 FROM payment_jobs WHERE payment_id = ?", paymentId).isEmpty());
    }

    static String capturedCardPayment(long amount) {
        return Api.seeded().body(Bodies.cardPayment(amount, "EUR", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
    }

    @Test
    void refundsTheProviderSettlesLaterAreSettledByTheSettler() {
        String paymentId = capturedCardPayment(20000);
        String refundId = Api.seeded().body("{\"amount\":" + SimulatorConnector.REFUND_SETTLES_LATER + "}")
                .post("/api/v1/payments/" + paymentId + "/refunds").then().statusCode(201)
                .body("status", equalTo("pending")).extract().path("id");
        await().atMost(WAIT).until(() -> "processed".equals(Api.seeded().get("/api/v1/refunds/" + refundId).then()
                .extract().path("status")));
        assertEquals("partially_refunded", status(paymentId));
        assertEquals(1, Db.query("SELECT 1 FROM events WHERE object_id = ? AND type = 'refund.processed'", refundId).size());

        String failing = capturedCardPayment(20000);
        String failedRefund = Api.seeded().body("{\"amount\":" + SimulatorConnector.REFUND_FAILS_LATER + "}")
                .post("/api/v1/payments/" + failing + "/refunds").then().statusCode(201).extract().path("id");
        await().atMost(WAIT).until(() -> "failed".equals(Api.seeded().get("/api/v1/refunds/" + failedRefund).then()
                .extract().path("status")));
        Api.seeded().get("/api/v1/payments/" + failing).then().body("status", equalTo("captured"))
                .body("amount_refunded", equalTo(0));
        assertEquals(1, Db.query("SELECT 1 FROM events WHERE object_id = ? AND type = 'refund.failed'", failedRefund).size());
    }

    @Test
    void aProviderWebhookSettlesAPendingRefund() throws Exception {
        settler.pause();
        try {
            String paymentId = capturedCardPayment(20000);
            String refundId = Api.seeded().body("{\"amount\":" + SimulatorConnector.REFUND_SETTLES_LATER + "}")
                    .post("/api/v1/payments/" + paymentId + "/refunds").then().statusCode(201)
                    .body("status", equalTo("pending")).extract().path("id");
            String reference = (String) Db.one("SELECT provider_reference FROM refunds WHERE id = ?", refundId)
                    .get("provider_reference");
            String body = "{\"id\":\"simevt_r" + System.nanoTime() + "\",\"type\":\"refund.processed\",\"data\":{\"reference\":\""
                    + reference + "\"}}";
            long ts = Instant.now().getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("simulator_webhook_secret_dev_only".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String sig = "t=" + ts + ",v1=" + HexFormat.of().formatHex(mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8)));
            given().contentType("application/json").header("Simulator-Signature", sig).body(body)
                    .post("/webhooks/simulator").then().statusCode(200).body("status", equalTo("applied"));
            Api.seeded().get("/api/v1/refunds/" + refundId).then().body("status", equalTo("processed"));
            assertEquals("partially_refunded", status(paymentId));
        } finally {
            settler.resume();
        }
    }
}
