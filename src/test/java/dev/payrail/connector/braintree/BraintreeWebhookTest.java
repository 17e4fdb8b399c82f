package dev.payrail.connector.braintree;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.sandbox.braintree.BraintreeSandbox;
import dev.payrail.sandbox.braintree.BraintreeSandboxSettings;
import dev.payrail.sandbox.braintree.BraintreeSandboxWebhooks;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** Braintree notifications at /webhooks/braintree: valid, tampered, stale, replayed, and per merchant account. */
@QuarkusTest
class BraintreeWebhookTest {

    static final String PUBLIC_KEY = BraintreeSdkCrossCheckTest.PUBLIC_KEY;
    static final String PRIVATE_KEY = BraintreeSdkCrossCheckTest.PRIVATE_KEY;

    @Inject
    BraintreeSandbox sandbox;
    @Inject
    BraintreeSandboxWebhooks notifications;
    @Inject
    BraintreeConnector connector;

    @BeforeEach
    void manualSettlement() {
        sandbox.update(BraintreeSandboxSettings.settling("manual", 0));
    }

    @AfterEach
    void reset() {
        sandbox.resetSettings();
    }

    private static io.restassured.response.ValidatableResponse post(String path, byte[] form) {
        return RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body(new String(form, StandardCharsets.US_ASCII)).post(path).then();
    }

    private static InboundWebhook inbound(byte[] form) {
        return BraintreeSdkCrossCheckTest.inbound(form);
    }

    @Test
    void settlementsOfSalesAndRefundsAreTranslated() {
        var m = Providers.routingTo("braintree");
        JsonPath p = m.api().body(Bodies.cardPayment(4000, "USD", "4111111111111111", "automatic")).post("/api/v1/payments")
                .then().statusCode(201).extract().jsonPath();
        String tx = p.getString("provider_reference");
        BraintreeSandboxWebhooks.Signed settled = sandbox.settle(tx, false).get(0);
        ProviderEvent e = connector.verifyWebhook(inbound(settled.form())).await().indefinitely();
        assertEquals(ProviderEvent.Kind.CAPTURED, e.kind());
        assertEquals(tx, e.providerReference());
        assertEquals(4000L, e.amount());

        String refundTx = m.api().body("{\"amount\":1500}").post("/api/v1/payments/" + p.getString("id") + "/refunds")
                .then().statusCode(201).body("status", equalTo("processed")).extract().path("provider_reference");
        BraintreeSandboxWebhooks.Signed credit = sandbox.settle(refundTx, false).get(0);
        ProviderEvent r = connector.verifyWebhook(inbound(credit.form())).await().indefinitely();
        assertEquals(ProviderEvent.Kind.REFUND_PROCESSED, r.kind());
        assertEquals(refundTx, r.providerReference());
        assertEquals(1500L, r.amount());
        post("/webhooks/braintree", credit.form()).statusCode(200).body("duplicate", equalTo(false));

        JsonPath other = m.api().body(Bodies.cardPayment(4100, "USD", "4111111111111111", "automatic")).post("/api/v1/payments")
                .then().statusCode(201).extract().jsonPath();
        BraintreeSandboxWebhooks.Signed declined = sandbox.settle(other.getString("provider_reference"), true).get(0);
        ProviderEvent d = connector.verifyWebhook(inbound(declined.form())).await().indefinitely();
        assertEquals(ProviderEvent.Kind.FAILED, d.kind());
        assertEquals("settlement_declined", d.declineCode());
        assertEquals("settlement_declined", sandbox.status(other.getString("provider_reference")));
    }

    @Test
    void tamperedForgedStaleAndMalformedNotificationsAreRefused() {
        var subject = dev.payrail.connector.braintree.BraintreeXml.element("subject")
                .add(dev.payrail.connector.braintree.BraintreeXml.element("transaction").add("id", "tx_w1")
                        .add("status", "settled").add("type", "sale").add("amount", "12.00").add("currency-iso-code", "USD"));
        BraintreeSandboxWebhooks.Signed good = notifications.signed("transaction_settled", subject, Instant.now(), PUBLIC_KEY,
                PRIVATE_KEY);
        assertEquals(1200L, connector.verifyWebhook(inbound(good.form())).await().indefinitely().amount());

        // Tampered: another payload under the good signature.
        BraintreeSandboxWebhooks.Signed other = notifications.signed("transaction_settled", subject,
                Instant.now().minusSeconds(1), PUBLIC_KEY, PRIVATE_KEY);
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(
                inbound(BraintreeSandboxWebhooks.form(good.signature(), other.payload()))).await().indefinitely());
        // One character of the payload changed.
        String flipped = good.payload().charAt(10) == 'A' ? good.payload().substring(0, 10) + "B" + good.payload().substring(11)
                : good.payload().substring(0, 10) + "A" + good.payload().substring(11);
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(
                inbound(BraintreeSandboxWebhooks.form(good.signature(), flipped))).await().indefinitely());
        // Signed with another private key, or for another public key.
        BraintreeSandboxWebhooks.Signed forged = notifications.signed("transaction_settled", subject, Instant.now(),
                PUBLIC_KEY, "attacker_private_key");
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(inbound(forged.form())).await().indefinitely());
        BraintreeSandboxWebhooks.Signed otherKey = notifications.signed("transaction_settled", subject, Instant.now(),
                "someone_else", PRIVATE_KEY);
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(inbound(otherKey.form())).await().indefinitely());
        // Stale: signed correctly, ten minutes old (the tolerance is five).
        BraintreeSandboxWebhooks.Signed stale = notifications.signed("transaction_settled", subject,
                Instant.now().minusSeconds(600), PUBLIC_KEY, PRIVATE_KEY);
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(inbound(stale.form())).await().indefinitely());
        post("/webhooks/braintree", stale.form()).statusCode(401).contentType("application/problem+json");
        // No signature, or a payload that is not base64.
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(
                inbound(("bt_payload=" + good.payload()).getBytes(StandardCharsets.US_ASCII))).await().indefinitely());
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(inbound(BraintreeSandboxWebhooks.form(
                BraintreeSignature.sign(PUBLIC_KEY, PRIVATE_KEY, "<x>"), "<x>"))).await().indefinitely());
    }

    @Test
    void aReplayedNotificationIsADuplicateAndChangesNothing() {
        var m = Providers.routingTo("braintree");
        JsonPath p = m.api().body(Bodies.cardPayment(5500, "USD", "4111111111111111", "manual")).post("/api/v1/payments")
                .then().statusCode(201).extract().jsonPath();
        String id = p.getString("id");
        m.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200);
        BraintreeSandboxWebhooks.Signed settled = sandbox.settle(p.getString("provider_reference"), false).get(0);
        post("/webhooks/braintree", settled.form()).statusCode(200).body("duplicate", equalTo(false));
        post("/webhooks/braintree", settled.form()).statusCode(200).body("duplicate", equalTo(true));
        m.api().get("/api/v1/payments/" + id).then().body("status", equalTo("captured")).body("amount_captured", equalTo(5500));
    }

    @Test
    void aMerchantsOwnAccountIsVerifiedWithItsOwnKeys() {
        var m = Providers.routingTo("braintree");
        String privateKey = "merchant_private_" + Long.toString(System.nanoTime(), 36); // never digits a card check refuses
        m.api().body(Map.of("merchant_id", "merchant_own", "public_key", "merchant_public", "private_key", privateKey))
                .put("/api/v1/providers/braintree/credentials").then().statusCode(200);
        var subject = dev.payrail.connector.braintree.BraintreeXml.element("subject")
                .add(dev.payrail.connector.braintree.BraintreeXml.element("transaction").add("id", "tx_own").add("status", "settled"));
        BraintreeSandboxWebhooks.Signed mine = notifications.signed("transaction_settled", subject, Instant.now(),
                "merchant_public", privateKey);
        BraintreeSandboxWebhooks.Signed platform = notifications.signed("transaction_settled", subject, Instant.now(),
                PUBLIC_KEY, PRIVATE_KEY);
        post("/webhooks/braintree/" + m.id(), platform.form()).statusCode(401);
        post("/webhooks/braintree", mine.form()).statusCode(401);
        post("/webhooks/braintree/" + m.id(), mine.form()).statusCode(200).body("duplicate", equalTo(false))
                .body("status", equalTo("unmatched"));
    }
}
