package dev.payrail.connector.airwallex;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.sandbox.airwallex.AirwallexSandbox;
import dev.payrail.sandbox.airwallex.AirwallexSandboxWebhooks;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Airwallex webhooks: x-timestamp + raw body HMAC, verified, translated, and de-duplicated on the event id. */
@QuarkusTest
class AirwallexWebhookTest {

    private static final String SECRET = "whsec_payrail_sandbox_airwallex";

    @Inject
    AirwallexSandboxWebhooks events;
    @Inject
    AirwallexSandbox sandbox;
    @Inject
    AirwallexConnector connector;

    private ProviderEvent verify(byte[] body, String timestamp, String signature) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (timestamp != null) {
            headers.put("x-timestamp", timestamp);
        }
        if (signature != null) {
            headers.put("x-signature", signature);
        }
        return connector.verifyWebhook(new InboundWebhook("airwallex", headers, body, Instant.now())).await().indefinitely();
    }

    @Test
    void theSignatureIsHmacOfTimestampAndRawBodyAsDocumented() {
        // An independent computation of the documented recipe: hex(HMAC-SHA256(secret, x-timestamp + body)).
        byte[] body = "{\"id\":\"evt_1\",\"name\":\"payment_intent.succeeded\"}".getBytes(StandardCharsets.UTF_8);
        String ts = "1700000000000";
        String expected = java.util.HexFormat.of().formatHex(hmac(SECRET, ts + new String(body, StandardCharsets.UTF_8)));
        assertEquals(expected, AirwallexSignature.sign(ts, body, SECRET));
    }

    private static byte[] hmac(String key, String message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eventsAreVerifiedAndTranslatedAndBadOnesRejected() {
        long now = Instant.now().toEpochMilli();
        var succeeded = events.signed("payment_intent.succeeded", Map.of("id", "int_1", "amount", new java.math.BigDecimal("12.00"),
                "captured_amount", new java.math.BigDecimal("12.00"), "currency", "USD", "status", "SUCCEEDED"), SECRET, now);
        ProviderEvent e = verify(succeeded.payload(), succeeded.timestamp(), succeeded.signature());
        assertEquals(ProviderEvent.Kind.CAPTURED, e.kind());
        assertEquals("int_1", e.providerReference());
        assertEquals(1200L, e.amount());
        assertEquals(succeeded.eventId(), e.eventId());

        var authorized = events.signed("payment_intent.requires_capture", Map.of("id", "int_2", "amount", 7, "currency", "JPY"),
                SECRET, now);
        ProviderEvent a = verify(authorized.payload(), authorized.timestamp(), authorized.signature());
        assertEquals(ProviderEvent.Kind.AUTHORIZED, a.kind());
        assertEquals(7L, a.amount(), "JPY has no decimals");

        var failed = events.signed("payment_attempt.authorization_failed", Map.of("id", "att_1", "payment_intent_id", "int_3",
                "failure_code", "issuer_declined", "provider_original_response_code", "59"), SECRET, now);
        ProviderEvent f = verify(failed.payload(), failed.timestamp(), failed.signature());
        assertEquals(ProviderEvent.Kind.FAILED, f.kind());
        assertEquals("int_3", f.providerReference());
        assertEquals("59", f.declineCode());

        var refund = events.signed("refund.settled", Map.of("id", "rfd_1", "amount", new java.math.BigDecimal("3.50"),
                "currency", "EUR", "status", "SETTLED"), SECRET, now);
        ProviderEvent r = verify(refund.payload(), refund.timestamp(), refund.signature());
        assertEquals(ProviderEvent.Kind.REFUND_PROCESSED, r.kind());
        assertEquals(350L, r.amount());

        byte[] tampered = new String(succeeded.payload(), StandardCharsets.UTF_8).replace("12.00", "99.00")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookRejectedException.class, () -> verify(tampered, succeeded.timestamp(), succeeded.signature()));
        var stale = events.signed("payment_intent.succeeded", Map.of("id", "int_1"), SECRET, now - 6 * 60_000);
        assertThrows(WebhookRejectedException.class, () -> verify(stale.payload(), stale.timestamp(), stale.signature()));
        // a stale body under a fresh timestamp header fails the signature: the timestamp is signed
        assertThrows(WebhookRejectedException.class,
                () -> verify(stale.payload(), Long.toString(now), stale.signature()));
        var forged = events.signed("payment_intent.succeeded", Map.of("id", "int_1"), "whsec_attacker", now);
        assertThrows(WebhookRejectedException.class, () -> verify(forged.payload(), forged.timestamp(), forged.signature()));
        assertThrows(WebhookRejectedException.class, () -> verify(forged.payload(), null, null));
    }

    private static ValidatableResponse post(AirwallexSandboxWebhooks.Signed event) {
        return given().contentType("application/json").header("x-timestamp", event.timestamp())
                .header("x-signature", event.signature()).body(event.payload()).post("/webhooks/airwallex").then();
    }

    @Test
    void aVerifiedEventMovesThePaymentOnceAndItsReplayIsADuplicate() {
        var m = Providers.routingTo("airwallex");
        JsonPath p = m.api().body(Bodies.cardPayment(2000, "USD", "4035501000000008", "manual")).post("/api/v1/payments")
                .then().statusCode(201).extract().jsonPath();
        String intentId = p.getString("provider_reference");
        // Cancelled at Airwallex (in its dashboard, say); Airwallex announces it.
        var token = AirwallexConnectorTest.token();
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"request_id\":\"dashboard-" + System.nanoTime() + "\"}")
                .post("/sandbox/airwallex/api/v1/pa/payment_intents/" + intentId + "/cancel").then().statusCode(200);
        var cancelled = events.signed("payment_intent.cancelled", sandbox.intent(intentId), SECRET,
                Instant.now().toEpochMilli());
        post(cancelled).statusCode(200).body("duplicate", equalTo(false));
        m.api().get("/api/v1/payments/" + p.getString("id")).then().body("status", equalTo("cancelled"));
        post(cancelled).statusCode(200).body("duplicate", equalTo(true));

        var stale = events.signed("payment_intent.cancelled", sandbox.intent(intentId), SECRET,
                Instant.now().toEpochMilli() - 10 * 60_000);
        post(stale).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aMerchantsEndpointVerifiesWithItsOwnSecretOnly() {
        var m = Providers.routingTo("airwallex");
        String secret = "whsec_merchant_" + Long.toString(System.nanoTime(), 36);
        m.api().body("{\"client_id\":\"payrail_sandbox_client\",\"api_key\":\"payrail_sandbox_api_key\","
                + "\"webhook_secret\":\"" + secret + "\"}").put("/api/v1/providers/airwallex/credentials").then()
                .statusCode(200);
        JsonPath p = m.api().body(Bodies.cardPayment(2000, "USD", "4035501000000008", "manual")).post("/api/v1/payments")
                .then().statusCode(201).body("provider", equalTo("airwallex")).extract().jsonPath();
        String intentId = p.getString("provider_reference");
        given().header("Authorization", "Bearer " + AirwallexConnectorTest.token()).contentType("application/json")
                .body("{\"request_id\":\"dashboard-" + System.nanoTime() + "\"}")
                .post("/sandbox/airwallex/api/v1/pa/payment_intents/" + intentId + "/cancel").then().statusCode(200);
        long now = Instant.now().toEpochMilli();
        var platformSigned = events.signed("payment_intent.cancelled", sandbox.intent(intentId), SECRET, now);
        given().contentType("application/json").header("x-timestamp", platformSigned.timestamp())
                .header("x-signature", platformSigned.signature()).body(platformSigned.payload())
                .post("/webhooks/airwallex/" + m.id()).then().statusCode(401);
        m.api().get("/api/v1/payments/" + p.getString("id")).then().body("status", equalTo("authorized"));
        var own = events.signed("payment_intent.cancelled", sandbox.intent(intentId), secret, now);
        given().contentType("application/json").header("x-timestamp", own.timestamp())
                .header("x-signature", own.signature()).body(own.payload())
                .post("/webhooks/airwallex/" + m.id()).then().statusCode(200).body("duplicate", equalTo(false));
        m.api().get("/api/v1/payments/" + p.getString("id")).then().body("status", equalTo("cancelled"));
    }
}
