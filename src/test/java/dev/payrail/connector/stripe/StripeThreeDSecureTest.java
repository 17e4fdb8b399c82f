package dev.payrail.connector.stripe;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The merchant's 3-D Secure rules through the Stripe connector and the Stripe emulator over HTTP: Payrail
 * asks Stripe for a challenge with {@code payment_method_options[card][request_three_d_secure]=challenge},
 * the payer answers on the emulator's page (pass, fail) or never (abandon), and off-session payments are
 * sent {@code off_session=true} and declined {@code authentication_required} when the issuer insists.
 */
@QuarkusTest
class StripeThreeDSecureTest {

    private static final String SANDBOX_KEY = "sk_test_payrail_sandbox";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    StripeSandbox sandbox;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    /**
     * A merchant routing to Stripe with a Stripe account of its own (no webhook endpoints there, so Payrail
     * learns every outcome by asking Stripe), and these 3-D Secure rules.
     */
    private Providers.Merchant stripeMerchant(String rules) {
        var m = Providers.routingTo("stripe");
        key = "sk_test_3ds_" + Long.toString(System.nanoTime(), 36);
        m.api().body("{\"secret_key\":\"" + key + "\"}").put("/api/v1/providers/stripe/credentials").then()
                .statusCode(200);
        m.api().body(rules).put("/api/v1/merchant/three_d_secure").then().statusCode(200);
        return m;
    }

    private String key;

    private static JsonPath pay(Providers.Merchant m, String body, int status) {
        return m.api().body(body).post("/api/v1/payments").then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath intent(String id) {
        return RestAssured.given().header("Authorization", "Bearer " + key)
                .get("/sandbox/stripe/v1/payment_intents/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The payer's answer, posted from the emulator's 3-D Secure page as its form does. */
    private static void answer(JsonPath payment, String result) {
        String url = payment.getString("next_action.url");
        String pi = payment.getString("provider_reference");
        RestAssured.given().formParam("token", url.substring(url.indexOf("token=") + 6)).formParam("result", result)
                .post("/sandbox/stripe/authenticate/" + pi + "/complete").then().statusCode(200);
    }

    @Test
    void thresholdAsksStripeForAChallengeAtAndAboveItOnly() {
        var m = stripeMerchant("{\"mode\":\"threshold\",\"thresholds\":{\"USD\":3000}}");
        JsonPath below = pay(m, Bodies.cardPayment(2999, "USD", "4242424242424242", "automatic"), 201);
        assertEquals("captured", below.getString("status"));
        assertEquals("not_performed", below.getString("three_d_secure.status"));
        assertEquals("automatic",
                intent(below.getString("provider_reference")).getString("payment_method_options.card.request_three_d_secure"));

        JsonPath at = pay(m, Bodies.cardPayment(3000, "USD", "4242424242424242", "automatic"), 201);
        assertEquals("requires_action", at.getString("status"));
        assertEquals("redirect_to_url", at.getString("next_action.type"));
        String pi = at.getString("provider_reference");
        assertTrue(at.getString("next_action.url").contains("/sandbox/stripe/authenticate/" + pi + "?token="));
        JsonPath atStripe = intent(pi);
        assertEquals("challenge", atStripe.getString("payment_method_options.card.request_three_d_secure"));
        assertEquals("requires_action", atStripe.getString("status"));
        assertEquals("pending", at.getString("three_d_secure.status"));
        assertEquals(0, sandbox.chargesForPayment(at.getString("id")));
        String page = RestAssured.get(at.getString("next_action.url")).then().statusCode(200).extract().asString();
        assertFalse(page.contains("_secret_"), "the page never shows the client secret");
        assertTrue(page.contains("method=\"post\""), "the page answers by POST");
        // opening the page (a GET, as a link preview or a prefetch would) completes nothing
        assertEquals("requires_action", intent(pi).getString("status"));
        assertEquals(0, sandbox.chargesForPayment(at.getString("id")));
    }

    @Test
    void aPassedChallengeAtStripeCapturesWithLiabilityShift() {
        var m = stripeMerchant("{\"mode\":\"always\"}");
        JsonPath p = pay(m, Bodies.cardPayment(1500, "EUR", "4242424242424242", "automatic"), 201);
        assertEquals("requires_action", p.getString("status"));
        answer(p, "approve");
        // Payrail hears of it by asking Stripe (the reconciler watches a payment waiting for its payer).
        await().atMost(WITHIN).until(() -> "captured".equals(read(m, p.getString("id")).getString("status")));
        JsonPath after = read(m, p.getString("id"));
        assertEquals("authenticated", after.getString("three_d_secure.status"));
        assertEquals("2.2.0", after.getString("three_d_secure.version"), "read from the Charge's three_d_secure");
        assertTrue(after.getBoolean("three_d_secure.liability_shift"));
        assertEquals(1, sandbox.chargesForPayment(p.getString("id")));
        assertEquals("succeeded", intent(p.getString("provider_reference")).getString("status"));
    }

    @Test
    void aFailedChallengeAtStripeFailsThePayment() {
        var m = stripeMerchant("{\"mode\":\"always\"}");
        JsonPath p = pay(m, Bodies.cardPayment(1600, "USD", "4242424242424242", "manual"), 201);
        answer(p, "fail");
        await().atMost(WITHIN).until(() -> "failed".equals(read(m, p.getString("id")).getString("status")));
        JsonPath after = read(m, p.getString("id"));
        // the same whether the reconciler's status query or Stripe's payment_failed event told Payrail
        assertEquals("payment_intent_authentication_failure", after.getString("decline_code"));
        assertEquals("failed", after.getString("three_d_secure.status"));
        assertEquals("2.2.0", after.getString("three_d_secure.version"));
        assertFalse(after.getBoolean("three_d_secure.liability_shift"));
        assertEquals(0, sandbox.chargesForPayment(p.getString("id")));
        JsonPath charge = RestAssured.given().header("Authorization", "Bearer " + key)
                .get("/sandbox/stripe/v1/payment_intents/" + p.getString("provider_reference") + "?expand[]=latest_charge")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("failed", charge.getString("latest_charge.payment_method_details.card.three_d_secure.result"));
    }

    @Test
    void anAbandonedChallengeAtStripeIsCancelledThereAndExpires() {
        var m = stripeMerchant("{\"mode\":\"always\"}");
        JsonPath p = pay(m, Bodies.cardPayment(1700, "USD", "4242424242424242", "automatic"), 201);
        String id = p.getString("id");
        Db.update("UPDATE payments SET created_at = created_at - interval '16 minutes' WHERE id = ?", id);
        await().atMost(WITHIN).until(() -> "failed".equals(read(m, id).getString("status")));
        JsonPath after = read(m, id);
        assertEquals("payment_expired", after.getString("error_code"));
        assertEquals("abandoned", after.getString("three_d_secure.status"));
        assertEquals("canceled", intent(p.getString("provider_reference")).getString("status"),
                "the PaymentIntent is cancelled so the payer cannot pay it late");
    }

    @Test
    void offSessionPaymentsAreSentOffSessionAndNeverChallenged() {
        var m = stripeMerchant("{\"mode\":\"always\"}");
        JsonPath ok = pay(m, Bodies.cardPayment(50_000, "USD", "4242424242424242", "automatic")
                .replaceFirst("\\{", "{\"off_session\":true,"), 201);
        assertEquals("captured", ok.getString("status"));
        assertEquals("automatic",
                intent(ok.getString("provider_reference")).getString("payment_method_options.card.request_three_d_secure"));

        String id = m.api().body(Bodies.cardPayment(900, "USD", "4000002500003155", "automatic")
                .replaceFirst("\\{", "{\"off_session\":true,")).post("/api/v1/payments").then().statusCode(402)
                .body("decline_code", equalTo("authentication_required")).extract().path("payment_id");
        JsonPath failed = read(m, id);
        assertEquals("failed", failed.getString("status"));
        assertEquals("authentication_required", failed.getString("error_code"));
        assertEquals("requires_payment_method", intent(failed.getString("provider_reference")).getString("status"));
        assertEquals(0, sandbox.chargesForPayment(id));
    }

    @Test
    void neverModeTurnsStripesDemandIntoADecline() {
        var m = stripeMerchant("{\"mode\":\"never\"}");
        m.api().body(Bodies.cardPayment(900, "USD", "4000002500003155", "automatic")).post("/api/v1/payments").then()
                .statusCode(402).body("decline_code", equalTo("authentication_required"));
    }

    @Test
    void theEmulatorValidatesThreeDSecureOptionsLikeStripe() {
        RestAssured.given().header("Authorization", "Bearer " + SANDBOX_KEY).contentType("application/x-www-form-urlencoded")
                .body("amount=700&currency=usd&confirm=true&payment_method=pm_card_visa"
                        + "&payment_method_options[card][request_three_d_secure]=sometimes")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("payment_method_options[card][request_three_d_secure]"));
        RestAssured.given().header("Authorization", "Bearer " + SANDBOX_KEY).contentType("application/x-www-form-urlencoded")
                .body("amount=700&currency=usd&payment_method=pm_card_visa&off_session=true")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(400).body("error.param", equalTo("off_session"));
        // a card without 3-D Secure is not challenged even on request
        RestAssured.given().header("Authorization", "Bearer " + SANDBOX_KEY).contentType("application/x-www-form-urlencoded")
                .body("amount=700&currency=usd&confirm=true&payment_method_data[type]=card"
                        + "&payment_method_data[card][number]=378282246310005&payment_method_data[card][exp_month]=12"
                        + "&payment_method_data[card][exp_year]=" + Bodies.EXP_YEAR
                        + "&payment_method_options[card][request_three_d_secure]=challenge")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(200).body("status", equalTo("succeeded"));
    }
}
