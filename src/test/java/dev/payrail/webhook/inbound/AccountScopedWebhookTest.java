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

import com.stripe.net.Webhook;

import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Inbound Stripe events belong to the account whose secret verified them, and touch only that
 * account's payments and refunds: a merchant's own account ({@code /webhooks/stripe/{merchantId}},
 * the merchant's stored webhook secret) or the platform's ({@code /webhooks/stripe}, the configured
 * secret, payments of merchants without their own Stripe credentials).
 */
@QuarkusTest
class AccountScopedWebhookTest {

    /** {@code %test.payrail.stripe.webhook-secret}. */
    static final String PLATFORM_SECRET = "whsec_payrail_sandbox_stripe_signing_secret";

    /** A merchant with its own Stripe account (secret key and webhook secret stored through the API). */
    record Shop(Providers.Merchant merchant, String webhookSecret) {
        String id() {
            return merchant.id();
        }
    }

    static Shop shopWithOwnStripeAccount() {
        Providers.Merchant m = Providers.routingTo("stripe");
        String secret = "whsec_own_" + Long.toString(System.nanoTime(), 36);
        m.api().body("{\"secret_key\":\"sk_test_own_" + Long.toString(System.nanoTime(), 36) + "\",\"webhook_secret\":\"" + secret + "\"}")
                .put("/api/v1/providers/stripe/credentials").then().statusCode(200);
        return new Shop(m, secret);
    }

    static String pay(Providers.Merchant m, String capture) {
        return m.api().body(Bodies.cardPayment(2500, "USD", "4242424242424242", capture)).post("/api/v1/payments").then()
                .statusCode(201).body("provider", equalTo("stripe")).extract().path("id");
    }

    static Map<String, Object> payment(String id) {
        return Db.one("SELECT status, version, provider_reference, amount_refunded FROM payments WHERE id = ?", id);
    }

    /** A Stripe event about {@code object}, as Stripe serialises it (merchant metadata included, unverified). */
    static String event(String eventId, String type, String object) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2026-07-29.dahlia\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"data\":{\"object\":" + object + "},\"livemode\":false,"
                + "\"pending_webhooks\":1,\"type\":\"" + type + "\"}";
    }

    static String canceledIntent(String pi, String merchantIdInMetadata) {
        return "{\"id\":\"" + pi + "\",\"object\":\"payment_intent\",\"amount\":2500,\"status\":\"canceled\","
                + "\"metadata\":{\"payrail_merchant_id\":\"" + merchantIdInMetadata + "\"}}";
    }

    static String failedRefund(String re, String pi) {
        return "{\"id\":\"" + re + "\",\"object\":\"refund\",\"amount\":1000,\"payment_intent\":\"" + pi
                + "\",\"status\":\"failed\",\"failure_reason\":\"unknown\"}";
    }

    /** Signs like Stripe (checked against stripe-java, not our verifier) and posts to {@code path}. */
    static ValidatableResponse post(String path, String body, String secret) throws Exception {
        long t = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signed = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
        String header = "t=" + t + ",v1=" + HexFormat.of().formatHex(signed);
        Webhook.constructEvent(body, header, secret, 300);
        return given().contentType("application/json").header("Stripe-Signature", header)
                .body(body.getBytes(StandardCharsets.UTF_8)).post(path).then();
    }

    static String recorded(String account, String eventId) {
        return (String) Db.one("SELECT status FROM provider_events WHERE provider = 'stripe' AND account = ? "
                + "AND event_id = ?", account, eventId).get("status");
    }

    @Test
    void aMerchantCannotMoveAnotherMerchantsPaymentWithItsOwnSecret() throws Exception {
        Shop a = shopWithOwnStripeAccount();
        Shop b = shopWithOwnStripeAccount();
        String paymentId = pay(a.merchant(), "manual");
        Map<String, Object> before = payment(paymentId);
        assertEquals("authorized", before.get("status"));
        String pi = (String) before.get("provider_reference");

        // The old hole: an event naming A in its (unverified) metadata, signed with B's secret, sent to the
        // platform endpoint. Only the platform's secret is tried there.
        String evt = "evt_forged" + System.nanoTime();
        post("/webhooks/stripe", event(evt, "payment_intent.canceled", canceledIntent(pi, b.id())), b.webhookSecret())
                .statusCode(401).contentType("application/problem+json");
        post("/webhooks/stripe", event(evt, "payment_intent.canceled", canceledIntent(pi, a.id())), b.webhookSecret())
                .statusCode(401);
        // B's own endpoint verifies B's signature, but A's payment is not on B's account: recorded, not applied,
        // answered like an unknown reference.
        post("/webhooks/stripe/" + b.id(), event(evt, "payment_intent.canceled", canceledIntent(pi, a.id())),
                b.webhookSecret()).statusCode(200).body("status", equalTo("unmatched"));
        assertEquals("not_applicable", recorded(b.id(), evt));
        // B's secret does not open A's endpoint either.
        post("/webhooks/stripe/" + a.id(), event(evt, "payment_intent.canceled", canceledIntent(pi, a.id())),
                b.webhookSecret()).statusCode(401);
        assertEquals(before, payment(paymentId), "A's payment is unchanged");

        // A's own event, with the id B used first: not a duplicate (de-duplication is per account), and applied.
        post("/webhooks/stripe/" + a.id(), event(evt, "payment_intent.canceled", canceledIntent(pi, a.id())),
                a.webhookSecret()).statusCode(200).body("duplicate", equalTo(false)).body("status", equalTo("applied"));
        assertEquals("cancelled", payment(paymentId).get("status"));
        assertEquals("applied", recorded(a.id(), evt));
    }

    @Test
    void aForgedRefundEventForAnotherMerchantsRefundIsNotApplicable() throws Exception {
        Shop a = shopWithOwnStripeAccount();
        Shop b = shopWithOwnStripeAccount();
        String paymentId = pay(a.merchant(), "automatic");
        String pi = (String) payment(paymentId).get("provider_reference");
        String refundId = a.merchant().api().body("{\"amount\":1000}").post("/api/v1/payments/" + paymentId + "/refunds")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> refund = Db.one("SELECT status, provider_reference FROM refunds WHERE id = ?", refundId);
        String re = (String) refund.get("provider_reference");
        Map<String, Object> paymentBefore = payment(paymentId);

        String forged = "evt_rf" + System.nanoTime();
        post("/webhooks/stripe/" + b.id(), event(forged, "refund.failed", failedRefund(re, pi)), b.webhookSecret())
                .statusCode(200).body("status", equalTo("unmatched"));
        assertEquals("not_applicable", recorded(b.id(), forged));
        String platform = "evt_rp" + System.nanoTime();
        post("/webhooks/stripe", event(platform, "refund.failed", failedRefund(re, pi)), PLATFORM_SECRET)
                .statusCode(200).body("status", equalTo("unmatched"));
        assertEquals("not_applicable", recorded("platform", platform));
        // A's own endpoint finds it (a failure after success is then refused by the refund's state, not by scope).
        String own = "evt_ro" + System.nanoTime();
        post("/webhooks/stripe/" + a.id(), event(own, "refund.failed", failedRefund(re, pi)), a.webhookSecret())
                .statusCode(200).body("status", equalTo("ignored"));
        assertEquals(refund, Db.one("SELECT status, provider_reference FROM refunds WHERE id = ?", refundId));
        assertEquals(paymentBefore, payment(paymentId));
    }

    @Test
    void aPlatformSignedEventCannotTouchAPaymentMadeWithAMerchantsOwnCredentials() throws Exception {
        Shop a = shopWithOwnStripeAccount();
        String paymentId = pay(a.merchant(), "manual");
        Map<String, Object> before = payment(paymentId);
        String pi = (String) before.get("provider_reference");
        String evt = "evt_pl" + System.nanoTime();
        post("/webhooks/stripe", event(evt, "payment_intent.canceled", canceledIntent(pi, a.id())), PLATFORM_SECRET)
                .statusCode(200).body("status", equalTo("unmatched"));
        assertEquals("not_applicable", recorded("platform", evt));
        assertEquals(before, payment(paymentId));
    }

    @Test
    void thePlatformSecretStillMovesPaymentsMadeOnThePlatformsAccount() throws Exception {
        Providers.Merchant m = Providers.routingTo("stripe"); // no credentials: the configured platform key is used
        String paymentId = pay(m, "manual");
        String pi = (String) payment(paymentId).get("provider_reference");
        String evt = "evt_ok" + System.nanoTime();
        post("/webhooks/stripe", event(evt, "payment_intent.canceled", canceledIntent(pi, m.id())), PLATFORM_SECRET)
                .statusCode(200).body("status", equalTo("applied"));
        assertEquals("cancelled", payment(paymentId).get("status"));
        // and a merchant endpoint of a merchant that stored no webhook secret verifies nothing
        post("/webhooks/stripe/" + m.id(), event("evt_no" + System.nanoTime(), "payment_intent.canceled",
                canceledIntent(pi, m.id())), PLATFORM_SECRET).statusCode(401);
        given().contentType("application/json").body("{}").post("/webhooks/stripe/not-a-merchant").then().statusCode(404);
    }

    @Test
    void aPaymentStaysOnTheAccountItWasMadeOnWhenTheMerchantLaterStoresItsOwnCredentials() throws Exception {
        Providers.Merchant m = Providers.routingTo("stripe");
        String onPlatform = pay(m, "manual");
        String pi = (String) payment(onPlatform).get("provider_reference");
        assertEquals("platform", Db.one("SELECT provider_account FROM payments WHERE id = ?", onPlatform)
                .get("provider_account"));
        String secret = "whsec_later_" + Long.toString(System.nanoTime(), 36);
        m.api().body("{\"secret_key\":\"sk_test_later_" + Long.toString(System.nanoTime(), 36) + "\",\"webhook_secret\":\"" + secret
                + "\"}").put("/api/v1/providers/stripe/credentials").then().statusCode(200);
        String own = pay(m, "manual");
        assertEquals(m.id(), Db.one("SELECT provider_account FROM payments WHERE id = ?", own).get("provider_account"));

        // the merchant's new endpoint cannot move the payment made on the platform's account ...
        String evt = "evt_mv" + System.nanoTime();
        post("/webhooks/stripe/" + m.id(), event(evt, "payment_intent.canceled", canceledIntent(pi, m.id())), secret)
                .statusCode(200).body("status", equalTo("unmatched"));
        assertEquals("not_applicable", recorded(m.id(), evt));
        assertEquals("authorized", payment(onPlatform).get("status"));
        // ... the platform's events still can
        post("/webhooks/stripe", event("evt_pf" + System.nanoTime(), "payment_intent.canceled",
                canceledIntent(pi, m.id())), PLATFORM_SECRET).statusCode(200).body("status", equalTo("applied"));
        assertEquals("cancelled", payment(onPlatform).get("status"));
    }

    @Test
    void theSimulatorHasNoMerchantAccountsToVerifyWith() throws Exception {
        String body = "{\"id\":\"simevt_m" + System.nanoTime() + "\",\"type\":\"payment.captured\","
                + "\"data\":{\"reference\":\"sim_x\"}}";
        long now = Instant.now().getEpochSecond();
        given().contentType("application/json")
                .header("Simulator-Signature", InboundWebhookTest.signature(body, now, InboundWebhookTest.SECRET))
                .body(body).post("/webhooks/simulator/mer_someone").then().statusCode(401);
    }
}
