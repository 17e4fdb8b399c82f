package dev.payrail.connector.razorpay;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.razorpay.Utils;

import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.sandbox.razorpay.RazorpaySandbox;
import dev.payrail.sandbox.razorpay.RazorpaySandboxSettings;
import dev.payrail.sandbox.razorpay.RazorpaySandboxWebhooks;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Every Razorpay operation through Payrail's API, the Razorpay connector and the sandbox emulator over HTTP. */
@QuarkusTest
class RazorpayConnectorTest {

    private static final String KEY_ID = "rzp_test_payrailsandbox";
    private static final String KEY_SECRET = "payrail_sandbox_razorpay_key_secret";
    private static final String WEBHOOK_SECRET = "payrail_sandbox_razorpay_webhook_secret";

    @Inject
    RazorpaySandbox sandbox;
    @Inject
    RazorpaySandboxWebhooks sandboxEvents;
    @Inject
    RazorpayConnector connector;
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

    private static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath razorpay(String path) {
        return RestAssured.given().auth().preemptive().basic(KEY_ID, KEY_SECRET).get("/sandbox/razorpay/v1" + path)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Delivers the emulator's events to Payrail as Razorpay would. */
    private static void deliver(RazorpaySandbox.Reply reply) {
        for (RazorpaySandboxWebhooks.Signed e : reply.events()) {
            RestAssured.given().contentType("application/json").header("X-Razorpay-Signature", e.signature())
                    .header("x-razorpay-event-id", e.eventId()).body(e.payload()).post("/webhooks/razorpay")
                    .then().statusCode(200);
        }
    }

    @Test
    void upiCollectWaitsForThePayerThenIsCapturedAndPartlyRefunded() {
        var m = Providers.routingTo("razorpay");
        JsonPath p = pay(m, Bodies.upiPayment(25000, "success@razorpay"), 201);
        String id = p.getString("id");
        assertEquals("requires_action", p.getString("status"));
        assertEquals("razorpay", p.getString("provider"));
        assertEquals("upi_collect", p.getString("next_action.type"));
        assertEquals("success@razorpay", p.getString("next_action.vpa"));
        String pay = p.getString("provider_reference");
        assertTrue(pay.startsWith("pay_"), pay);
        JsonPath payment = razorpay("/payments/" + pay);
        assertEquals("created", payment.getString("status"));
        assertEquals(25000, payment.getLong("amount"), "paise");
        assertEquals("INR", payment.getString("currency"));
        assertEquals("upi", payment.getString("method"));
        String attempt = read(m, id).getString("attempts[0].id");
        JsonPath order = razorpay("/orders?receipt=" + attempt);
        assertEquals(1, order.getInt("count"), "the order's receipt is the attempt id");
        assertEquals(payment.getString("order_id"), order.getString("items[0].id"));
        assertEquals(0, sandbox.chargesForPayment(id), "nothing is charged until the payer approves");

        deliver(sandbox.payerActs(pay, null, true));
        JsonPath captured = read(m, id);
        assertEquals("captured", captured.getString("status"));
        assertEquals(25000, captured.getInt("amount_captured"));
        assertEquals("captured", razorpay("/payments/" + pay).getString("status"));
        assertEquals(1, sandbox.chargesForPayment(id));

        m.api().body("{\"amount\":10000}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("status", equalTo("processed")).body("provider_reference", startsWith("rfnd_"))
                .body("amount", equalTo(10000));
        JsonPath after = razorpay("/payments/" + pay);
        assertEquals(10000, after.getLong("amount_refunded"));
        assertEquals("partial", after.getString("refund_status"));
        assertEquals(10000, read(m, id).getInt("amount_refunded"));
    }

    @Test
    void cardAuthorizationIsCapturedInFullOnlyAndHasNoVoid() {
        var m = Providers.routingTo("razorpay");
        JsonPath p = pay(m, Bodies.cardPayment(50000, "INR", "4111111111111111", "manual"), 201);
        String id = p.getString("id");
        assertEquals("requires_action", p.getString("status"));
        assertEquals("redirect_to_url", p.getString("next_action.type"));
        String pay = p.getString("provider_reference");
        assertTrue(p.getString("next_action.url").endsWith("/sandbox/razorpay/bank/" + pay), p.getString("next_action.url"));

        // The bank's OTP page (the redirect), then the payment.authorized event.
        deliver(sandbox.payerActs(pay, "123456", true));
        assertEquals("authorized", read(m, id).getString("status"));
        assertEquals("authorized", razorpay("/payments/" + pay).getString("status"));

        m.api().body("{\"amount\":20000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(422)
                .body("code", equalTo("OPERATION_NOT_SUPPORTED"));
        m.api().post("/api/v1/payments/" + id + "/cancel").then().statusCode(422)
                .body("code", equalTo("OPERATION_NOT_SUPPORTED"));
        assertEquals("authorized", razorpay("/payments/" + pay).getString("status"), "nothing was sent");

        m.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("status", equalTo("captured")).body("amount_captured", equalTo(50000));
        assertEquals("captured", razorpay("/payments/" + pay).getString("status"));
        m.api().body("{\"amount\":5000}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("status", equalTo("processed"));
        m.api().body("{}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("amount", equalTo(45000));
        assertEquals("refunded", razorpay("/payments/" + pay).getString("status"));
        assertEquals(List.of("authorize", "capture", "refund", "refund"), read(m, id).getList("attempts.operation"));
    }

    @Test
    void aWrongOtpOrADeclinedCollectFailsThePaymentWithRazorpaysReason() {
        var m = Providers.routingTo("razorpay");
        JsonPath card = pay(m, Bodies.cardPayment(1000, "INR", "5267318187975449", "automatic"), 201);
        deliver(sandbox.payerActs(card.getString("provider_reference"), "12", true));
        JsonPath failed = read(m, card.getString("id"));
        assertEquals("failed", failed.getString("status"));
        assertEquals("incorrect_otp", failed.getString("decline_code"));

        JsonPath upi = pay(m, Bodies.upiPayment(1000, "failure@razorpay"), 201);
        deliver(sandbox.payerActs(upi.getString("provider_reference"), null, true));
        assertEquals("failed", read(m, upi.getString("id")).getString("status"));
        assertEquals("payment_declined", read(m, upi.getString("id")).getString("decline_code"));
        assertEquals(0, sandbox.chargesForPayment(upi.getString("id")));
    }

    @Test
    void aLostAnswerIsReconciledByReceiptWithoutASecondCharge() {
        var m = Providers.routingTo("razorpay", "simulator");
        sandbox.update(RazorpaySandboxSettings.losing(1.0, "reset", "/payments/create/upi"));
        String id = m.api().body(Bodies.upiPayment(7000, "success@razorpay")).post("/api/v1/payments").then()
                .extract().jsonPath().getString("id");
        assertEquals("unknown", read(m, id).getString("attempts[0].outcome"));
        assertEquals(List.of("razorpay"), read(m, id).getList("attempts.provider"), "never failed over");
        // The collect request reached the payer's app although its answer was lost; the payer approves.
        String attempt = read(m, id).getString("attempts[0].id");
        String orderId = razorpay("/orders?receipt=" + attempt).getString("items[0].id");
        List<String> payments = razorpay("/orders/" + orderId + "/payments").getList("items.id");
        assertEquals(1, payments.size());
        sandbox.payerActs(payments.get(0), null, true);
        sandbox.resetSettings();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "captured".equals(read(m, id).getString("status")));
        assertEquals(payments.get(0), read(m, id).getString("provider_reference"));
        assertEquals(1, sandbox.chargesForPayment(id), "one charge");
        assertEquals(1, razorpay("/orders/" + orderId + "/payments").getInt("count"), "no second payment");
    }

    @Test
    void aLostCaptureAnswerIsSettledByAStatusQueryNotASecondCapture() {
        var m = Providers.routingTo("razorpay");
        JsonPath p = pay(m, Bodies.cardPayment(6000, "INR", "4111111111111111", "manual"), 201);
        String id = p.getString("id");
        String pay = p.getString("provider_reference");
        deliver(sandbox.payerActs(pay, "4321", true));
        sandbox.update(RazorpaySandboxSettings.losing(1.0, "reset", "/capture"));
        m.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(202)
                .body("status", equalTo("capture_pending"));
        sandbox.resetSettings();
        assertEquals("captured", razorpay("/payments/" + pay).getString("status"), "Razorpay did capture");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "captured".equals(read(m, id).getString("status")));
        assertEquals(6000, read(m, id).getInt("amount_captured"));
        assertEquals(1, sandbox.chargesForPayment(id));
    }

    @Test
    void aLostRefundAnswerIsSettledByOurRefundIdWithoutASecondRefund() {
        var m = Providers.routingTo("razorpay");
        JsonPath p = pay(m, Bodies.upiPayment(8000, "success@razorpay"), 201);
        String id = p.getString("id");
        String pay = p.getString("provider_reference");
        deliver(sandbox.payerActs(pay, null, true));
        sandbox.update(RazorpaySandboxSettings.losing(1.0, "reset", "/refund"));
        JsonPath lost = m.api().body("{\"amount\":3000}").post("/api/v1/payments/" + id + "/refunds").then().extract()
                .jsonPath();
        sandbox.resetSettings();
        String refundId = lost.getString("id");
        assertEquals("pending", lost.getString("status"), "an unknown outcome is never reported as failed");
        // Every resend carried the same X-Refund-Idempotency: Razorpay holds one refund.
        JsonPath refunds = razorpay("/payments/" + pay + "/refunds");
        assertEquals(1, refunds.getInt("count"));
        assertEquals(refundId, refunds.getString("items[0].notes.payrail_refund_id"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "processed".equals(
                m.api().get("/api/v1/refunds/" + refundId).then().statusCode(200).extract().path("status")));
        assertEquals(refunds.getString("items[0].id"),
                m.api().get("/api/v1/refunds/" + refundId).then().extract().path("provider_reference"));
        assertEquals(1, razorpay("/payments/" + pay + "/refunds").getInt("count"), "no second refund");
        assertEquals(3000, razorpay("/payments/" + pay).getLong("amount_refunded"));
        assertEquals(3000, read(m, id).getInt("amount_refunded"));
    }

    @Test
    void aLostOrderAnswerIsResentAndFindsTheSameOrder() {
        var m = Providers.routingTo("razorpay");
        sandbox.update(RazorpaySandboxSettings.losing(1.0, "reset", "/v1/orders"));
        String id = m.api().body(Bodies.upiPayment(3000, "success@razorpay")).post("/api/v1/payments").then()
                .extract().jsonPath().getString("id");
        sandbox.resetSettings();
        String attempt = read(m, id).getString("attempts[0].id");
        assertEquals(1, razorpay("/orders?receipt=" + attempt).getInt("count"), "unique_receipt: one order");
        // Nothing was paid on it: the reconciler settles the payment as failed once Razorpay provably has none.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(read(m, id).getString("status")));
        assertEquals(0, sandbox.chargesForPayment(id));
    }

    @Test
    void unavailableRazorpayFailsOverAndBadCredentialsChargeNothing() {
        var m = Providers.routingTo("razorpay", "simulator");
        sandbox.update(RazorpaySandboxSettings.unavailable(1.0));
        JsonPath p = pay(m, Bodies.cardPayment(2000, "INR", "4111111111111111", "automatic"), 201);
        assertEquals("simulator", p.getString("provider"));
        assertEquals(List.of("razorpay", "simulator"), read(m, p.getString("id")).getList("attempts.provider"));
        sandbox.resetSettings();
        breakers.resetAll();

        // The merchant's own key pair, with a wrong secret: Razorpay answers 401 and nothing is created.
        var wrong = Providers.routingTo("razorpay");
        wrong.api().body("{\"key_id\":\"" + KEY_ID + "\",\"key_secret\":\"not-the-secret\"}")
                .put("/api/v1/providers/razorpay/credentials").then().statusCode(200);
        JsonPath refused = pay(wrong, Bodies.upiPayment(2000, "success@razorpay"), 503);
        assertEquals("PROVIDER_UNAVAILABLE", refused.getString("code"));
        assertEquals("failed", refused.getString("payment_status"));
        JsonPath failed = read(wrong, refused.getString("payment_id"));
        assertEquals("provider_unavailable", failed.getString("error_code"));
        assertEquals(0, razorpay("/orders?receipt=" + failed.getString("attempts[0].id")).getInt("count"));
    }

    @Test
    void aCaptureRazorpayRefusesIsAProviderErrorAndStillAnAttempt() {
        var m = Providers.routingTo("razorpay");
        JsonPath p = pay(m, Bodies.cardPayment(4000, "INR", "4111111111111111", "manual"), 201);
        String id = p.getString("id");
        String pay = p.getString("provider_reference");
        deliver(sandbox.payerActs(pay, "1234", true));
        // Captured behind Payrail's back (in Razorpay's dashboard, say): Razorpay refuses the second capture.
        RestAssured.given().auth().preemptive().basic(KEY_ID, KEY_SECRET).contentType("application/json")
                .body("{\"amount\":4000,\"currency\":\"INR\"}").post("/sandbox/razorpay/v1/payments/" + pay + "/capture")
                .then().statusCode(200).body("status", equalTo("captured"));
        m.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(502)
                .body("code", equalTo("PROVIDER_ERROR")).body("provider_error_code", equalTo("bad_request_error"));
        JsonPath read = read(m, id);
        assertEquals(List.of("authorize", "capture"), read.getList("attempts.operation"));
        assertEquals("declined", read.getString("attempts[1].outcome"));
    }

    @Test
    void theEmulatorAnswersRazorpaysErrorObjects() {
        RestAssured.given().contentType("application/json").body("{\"amount\":100,\"currency\":\"INR\"}")
                .post("/sandbox/razorpay/v1/orders").then().statusCode(401).body("error.code", equalTo("BAD_REQUEST_ERROR"));
        RestAssured.given().auth().preemptive().basic(KEY_ID, KEY_SECRET).contentType("application/json")
                .body("{\"amount\":99,\"currency\":\"INR\"}").post("/sandbox/razorpay/v1/orders").then().statusCode(400)
                .body("error.code", equalTo("BAD_REQUEST_ERROR")).body("error.field", equalTo("amount"));
        RestAssured.given().auth().preemptive().basic(KEY_ID, KEY_SECRET).get("/sandbox/razorpay/v1/payments/pay_missing")
                .then().statusCode(400).body("error.description", equalTo("The id provided does not exist"));
    }

    @Test
    void refundIdempotencyHeaderReplaysLikeRazorpay() {
        var m = Providers.routingTo("razorpay");
        JsonPath p = pay(m, Bodies.upiPayment(9000, "success@razorpay"), 201);
        deliver(sandbox.payerActs(p.getString("provider_reference"), null, true));
        String path = "/sandbox/razorpay/v1/payments/" + p.getString("provider_reference") + "/refund";
        String key = "rfnd_key_" + System.nanoTime();
        String first = RestAssured.given().auth().preemptive().basic(KEY_ID, KEY_SECRET).contentType("application/json")
                .header("X-Refund-Idempotency", key).body("{\"amount\":1000}").post(path).then().statusCode(200)
                .extract().path("id");
        String again = RestAssured.given().auth().preemptive().basic(KEY_ID, KEY_SECRET).contentType("application/json")
                .header("X-Refund-Idempotency", key).body("{\"amount\":1000}").post(path).then().statusCode(200)
                .extract().path("id");
        assertEquals(first, again);
        RestAssured.given().auth().preemptive().basic(KEY_ID, KEY_SECRET).contentType("application/json")
                .header("X-Refund-Idempotency", key).body("{\"amount\":2000}").post(path).then().statusCode(400);
        assertEquals(1000, razorpay("/payments/" + p.getString("provider_reference")).getLong("amount_refunded"));
    }

    // ---- webhooks and signatures -------------------------------------------------------------

    private static InboundWebhook inbound(byte[] body, String signature, String eventId) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (signature != null) {
            headers.put("x-razorpay-signature", signature);
        }
        if (eventId != null) {
            headers.put("x-razorpay-event-id", eventId);
        }
        return new InboundWebhook("razorpay", headers, body, Instant.now());
    }

    @Test
    void webhooksAreVerifiedOverTheRawBytesAndCrossCheckedWithTheSdk() throws Exception {
        Map<String, Object> payment = Map.of("id", "pay_X1", "entity", "payment", "amount", 1200, "status", "captured");
        var captured = sandboxEvents.signed("payment.captured", Map.of("payment", payment), WEBHOOK_SECRET);
        String raw = new String(captured.payload(), StandardCharsets.UTF_8);
        assertTrue(Utils.verifyWebhookSignature(raw, captured.signature(), WEBHOOK_SECRET), "the SDK accepts the emulator's signature");
        ProviderEvent e = connector.verifyWebhook(inbound(captured.payload(), captured.signature(), captured.eventId()))
                .await().indefinitely();
        assertEquals(ProviderEvent.Kind.CAPTURED, e.kind());
        assertEquals("pay_X1", e.providerReference());
        assertEquals(1200L, e.amount());
        assertEquals(captured.eventId(), e.eventId());

        // Payrail accepts what the SDK signs (a body with non-ASCII text, signed as the raw UTF-8 bytes).
        String body = "{\"entity\":\"event\",\"event\":\"refund.processed\",\"contains\":[\"refund\"],\"payload\":"
                + "{\"refund\":{\"entity\":{\"id\":\"rfnd_1\",\"amount\":300,\"status\":\"processed\",\"notes\":{\"why\":\"₹ retour\"}}}}}";
        String sdkSignature = Utils.getHash(body, WEBHOOK_SECRET);
        ProviderEvent r = connector.verifyWebhook(inbound(body.getBytes(StandardCharsets.UTF_8), sdkSignature, "evt_sdk1"))
                .await().indefinitely();
        assertEquals(ProviderEvent.Kind.REFUND_PROCESSED, r.kind());
        assertEquals("rfnd_1", r.providerReference());

        var failed = sandboxEvents.signed("payment.failed",
                Map.of("payment", Map.of("id", "pay_F", "amount", 50, "status", "failed", "error_reason", "payment_declined")),
                WEBHOOK_SECRET);
        ProviderEvent f = connector.verifyWebhook(inbound(failed.payload(), failed.signature(), failed.eventId()))
                .await().indefinitely();
        assertEquals(ProviderEvent.Kind.FAILED, f.kind());
        assertEquals("payment_declined", f.declineCode());
        var paid = sandboxEvents.signed("order.paid", Map.of("payment", payment), WEBHOOK_SECRET);
        assertEquals(ProviderEvent.Kind.IGNORED,
                connector.verifyWebhook(inbound(paid.payload(), paid.signature(), paid.eventId())).await().indefinitely().kind());

        // tampered body, wrong secret, no signature, no event id (the only replay protection Razorpay gives)
        byte[] tampered = raw.replace("1200", "9999").getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(
                inbound(tampered, captured.signature(), captured.eventId())).await().indefinitely());
        var forged = sandboxEvents.signed("payment.captured", Map.of("payment", payment), "attacker_secret");
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(
                inbound(forged.payload(), forged.signature(), forged.eventId())).await().indefinitely());
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(
                inbound(captured.payload(), null, captured.eventId())).await().indefinitely());
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(
                inbound(captured.payload(), captured.signature(), null)).await().indefinitely());
    }

    @Test
    void aReplayedOrRetriedDeliveryIsADuplicateAndAStaleOneChangesNothing() {
        var m = Providers.routingTo("razorpay");
        JsonPath p = pay(m, Bodies.upiPayment(6000, "success@razorpay"), 201);
        RazorpaySandbox.Reply approved = sandbox.payerActs(p.getString("provider_reference"), null, true);
        RazorpaySandboxWebhooks.Signed authorized = approved.events().get(0);
        assertEquals("payment.authorized", authorized.event());
        deliver(approved);
        assertEquals("captured", read(m, p.getString("id")).getString("status"));
        // Razorpay signs no timestamp: the same delivery again (a replay, or Razorpay's own retry) is a duplicate...
        RestAssured.given().contentType("application/json").header("X-Razorpay-Signature", authorized.signature())
                .header("x-razorpay-event-id", authorized.eventId()).body(authorized.payload()).post("/webhooks/razorpay")
                .then().statusCode(200).body("duplicate", equalTo(true));
        // ...and an older event under a new id (stale: authorized after captured) does not move the payment back.
        var stale = sandboxEvents.signed("payment.authorized",
                Map.of("payment", Map.of("id", p.getString("provider_reference"), "amount", 6000, "status", "authorized")),
                WEBHOOK_SECRET);
        RestAssured.given().contentType("application/json").header("X-Razorpay-Signature", stale.signature())
                .header("x-razorpay-event-id", stale.eventId()).body(stale.payload()).post("/webhooks/razorpay")
                .then().statusCode(200).body("duplicate", equalTo(false));
        assertEquals("captured", read(m, p.getString("id")).getString("status"));
        // A forged one is refused as a problem.
        RestAssured.given().contentType("application/json").header("X-Razorpay-Signature", "00ff")
                .header("x-razorpay-event-id", "evt_forged").body(stale.payload()).post("/webhooks/razorpay")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aMerchantsOwnAccountSignsItsWebhooksWithItsOwnSecret() {
        var m = Providers.routingTo("razorpay");
        String secret = "merchant_whsec_" + Long.toString(System.nanoTime(), 36);
        m.api().body("{\"key_id\":\"" + KEY_ID + "\",\"key_secret\":\"" + KEY_SECRET + "\",\"webhook_secret\":\""
                + secret + "\"}").put("/api/v1/providers/razorpay/credentials").then().statusCode(200);
        JsonPath p = pay(m, Bodies.cardPayment(3000, "INR", "4111111111111111", "manual"), 201);
        RazorpaySandbox.Reply approved = sandbox.payerActs(p.getString("provider_reference"), "5555", true);
        Map<String, Object> entity = Map.of("id", p.getString("provider_reference"), "amount", 3000, "status", "authorized");
        var mine = sandboxEvents.signed("payment.authorized", Map.of("payment", entity), secret);
        // The platform's secret does not open the merchant's endpoint, nor the merchant's the platform's.
        RazorpaySandboxWebhooks.Signed platform = approved.events().get(0);
        RestAssured.given().contentType("application/json").header("X-Razorpay-Signature", platform.signature())
                .header("x-razorpay-event-id", platform.eventId()).body(platform.payload())
                .post("/webhooks/razorpay/" + m.id()).then().statusCode(401);
        RestAssured.given().contentType("application/json").header("X-Razorpay-Signature", mine.signature())
                .header("x-razorpay-event-id", mine.eventId()).body(mine.payload()).post("/webhooks/razorpay")
                .then().statusCode(401);
        assertEquals("requires_action", read(m, p.getString("id")).getString("status"));
        RestAssured.given().contentType("application/json").header("X-Razorpay-Signature", mine.signature())
                .header("x-razorpay-event-id", mine.eventId()).body(mine.payload()).post("/webhooks/razorpay/" + m.id())
                .then().statusCode(200).body("status", equalTo("applied"));
        assertEquals("authorized", read(m, p.getString("id")).getString("status"));
    }

    @Test
    void checkoutSignatureHelperAgreesWithTheSdk() throws Exception {
        var m = Providers.routingTo("razorpay");
        String order = "order_IluGWxBm9U8zJ8";
        String payment = "pay_IH4NVgf4Dreq1l";
        String signature = Utils.getHash(order + "|" + payment, KEY_SECRET);
        assertEquals(signature, RazorpaySignature.checkout(order, payment, KEY_SECRET));
        JSONObject attributes = new JSONObject().put("razorpay_order_id", order).put("razorpay_payment_id", payment)
                .put("razorpay_signature", RazorpaySignature.checkout(order, payment, KEY_SECRET));
        assertTrue(Utils.verifyPaymentSignature(attributes, KEY_SECRET), "the SDK accepts Payrail's signature");

        String body = "{\"razorpay_order_id\":\"" + order + "\",\"razorpay_payment_id\":\"" + payment
                + "\",\"razorpay_signature\":\"%s\"}";
        m.api().body(body.formatted(signature)).post("/api/v1/providers/razorpay/verify-checkout-signature").then()
                .statusCode(200).body("valid", equalTo(true));
        m.api().body(body.formatted(Utils.getHash("order_other|" + payment, KEY_SECRET)))
                .post("/api/v1/providers/razorpay/verify-checkout-signature").then().statusCode(200)
                .body("valid", equalTo(false));
        m.api().body("{\"razorpay_order_id\":\"" + order + "\"}").post("/api/v1/providers/razorpay/verify-checkout-signature")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theProvidersListNamesRazorpayWithWhatItOffers() {
        var m = Providers.routingTo("razorpay");
        m.api().get("/api/v1/providers").then().statusCode(200).body("data.provider", hasItem("razorpay"));
        JsonPath list = m.api().get("/api/v1/providers").then().extract().jsonPath();
        assertEquals(List.of("card", "upi"), list.<String>getList("data.find { it.provider == 'razorpay' }.methods")
                .stream().sorted().toList());
        assertEquals("closed", list.getString("data.find { it.provider == 'razorpay' }.health.circuit_breaker"));
        assertEquals(true, list.getBoolean("data.find { it.provider == 'razorpay' }.enabled"));
    }
}
