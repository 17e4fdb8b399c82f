package dev.payrail.webhook.inbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class InboundWebhookTest {

    /** The simulator's secret in the test profile (application.properties). */
    static final String SECRET = "simulator_webhook_secret_dev_only";

    /** Signs like a provider would, independently of the main code. */
    static String signature(String body, long timestamp, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + timestamp + ",v1="
                + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static ValidatableResponse post(String body, String signatureHeader) {
        return given().contentType("application/json").header("Simulator-Signature", signatureHeader)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/webhooks/simulator").then();
    }

    static ValidatableResponse send(String id, String type, String reference) throws Exception {
        // Unusual spacing on purpose: the signature covers the bytes as sent, not a re-serialisation.
        String body = "{ \"id\" : \"" + id + "\",\n  \"type\":\"" + type + "\", \"data\": {\"reference\": \"" + reference
                + "\"} }";
        return post(body, signature(body, Instant.now().getEpochSecond(), SECRET));
    }

    static Map<String, Object> payment(String id) {
        return Db.one("SELECT status, version, provider_reference FROM payments WHERE id = ?", id);
    }

    static String authorizedPayment() {
        return Api.seeded().body(Bodies.cardPayment(2100, "EUR", "4242424242424242", "manual")).post("/api/v1/payments")
                .then().statusCode(201).body("status", equalTo("authorized")).extract().path("id");
    }

    static int events(String paymentId, String type) {
        return Db.query("SELECT 1 FROM events WHERE object_id = ? AND type = ?", paymentId, type).size();
    }

    @Test
    void aDuplicatedAndAReorderedEventLeaveThePaymentCaptured() throws Exception {
        String paymentId = authorizedPayment();
        String reference = (String) payment(paymentId).get("provider_reference");
        int version = (Integer) payment(paymentId).get("version");
        String captured = "simevt_cap" + System.nanoTime();

        send(captured, "payment.captured", reference).statusCode(200).body("status", equalTo("applied"))
                .body("duplicate", equalTo(false));
        assertEquals("captured", payment(paymentId).get("status"));
        assertEquals(version + 1, payment(paymentId).get("version"));
        send(captured, "payment.captured", reference).statusCode(200).body("duplicate", equalTo(true));
        // An older event arriving late, then a contradicting one: the state machine refuses both.
        send("simevt_auth" + System.nanoTime(), "payment.authorized", reference).statusCode(200)
                .body("status", equalTo("ignored"));
        send("simevt_fail" + System.nanoTime(), "payment.failed", reference).statusCode(200)
                .body("status", equalTo("ignored"));

        assertEquals("captured", payment(paymentId).get("status"));
        assertEquals(version + 1, payment(paymentId).get("version"));
        assertEquals(1, events(paymentId, "payment.captured"), "one state change, one event");
        assertEquals(1, Db.query("SELECT 1 FROM audit_log WHERE object_id = ? AND actor_id = 'webhook:simulator'",
                paymentId).size());
        assertEquals(1, Db.query("SELECT 1 FROM provider_events WHERE provider = 'simulator' AND event_id = ?", captured)
                .size());
        Api.seeded().get("/api/v1/payments/" + paymentId).then().statusCode(200).body("status", equalTo("captured"))
                .body("amount_captured", equalTo(2100));
    }

    @Test
    void reorderedCancelAfterCaptureAndUnknownReferences() throws Exception {
        String paymentId = authorizedPayment();
        String reference = (String) payment(paymentId).get("provider_reference");
        send("simevt_c1" + System.nanoTime(), "payment.cancelled", reference).statusCode(200)
                .body("status", equalTo("applied"));
        send("simevt_c2" + System.nanoTime(), "payment.captured", reference).statusCode(200)
                .body("status", equalTo("ignored"));
        assertEquals("cancelled", payment(paymentId).get("status"));
        send("simevt_c3" + System.nanoTime(), "payment.captured", "sim_doesnotexist").statusCode(200)
                .body("status", equalTo("unmatched"));
        send("simevt_c4" + System.nanoTime(), "payment.updated", reference).statusCode(200)
                .body("status", equalTo("ignored"));
    }

    @Test
    void badSignaturesStaleTimestampsAndUnknownProvidersAreRejectedAndNothingIsStored() throws Exception {
        String id = "simevt_bad" + System.nanoTime();
        String body = "{\"id\":\"" + id + "\",\"type\":\"payment.captured\",\"data\":{\"reference\":\"sim_x\"}}";
        long now = Instant.now().getEpochSecond();
        post(body, signature(body, now, "not-the-secret")).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("AUTHENTICATION_ERROR"));
        post(body.replace("sim_x", "sim_y"), signature(body, now, SECRET)).statusCode(401);
        post(body, signature(body, now - 360, SECRET)).statusCode(401);
        post(body, "").statusCode(401);
        given().contentType("application/json").body(body).post("/webhooks/simulator").then().statusCode(401);
        given().contentType("application/json").header("Simulator-Signature", signature(body, now, SECRET)).body(body)
                .post("/webhooks/nosuchprovider").then().statusCode(404).contentType("application/problem+json");
        assertEquals(0, Db.query("SELECT 1 FROM provider_events WHERE event_id = ?", id).size());
        // Correctly signed: accepted.
        post(body, signature(body, now, SECRET)).statusCode(200).body("status", equalTo("unmatched"));
    }

    @Test
    void theSimulatorEmitsSignedEventsThroughTheSameVerification() {
        String paymentId = authorizedPayment();
        String reference = (String) payment(paymentId).get("provider_reference");
        given().contentType("application/json").body(Map.of("type", "payment.captured", "reference", reference))
                .post("/simulator/webhooks").then().statusCode(200).body("status", equalTo("applied"));
        assertEquals("captured", payment(paymentId).get("status"));
    }
}
