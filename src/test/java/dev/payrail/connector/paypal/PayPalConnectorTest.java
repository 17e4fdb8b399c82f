package dev.payrail.connector.paypal;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.paypal.PayPalSandbox;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The PayPal connector through Payrail's API, against the PayPal sandbox emulator over HTTP: every
 * request body the connector sends is validated against PayPal's official OpenAPI schemas.
 */
@QuarkusTest
class PayPalConnectorTest {

    @Inject
    PayPalSandbox sandbox;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void closeBreakers() {
        sandbox.failNext(0, 500);
        breakers.resetAll();
    }

    static String cardPayment(long amount, String currency, String pan, String capture) {
        return "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"method\":\"card\",\"provider\":\"paypal\","
                + "\"capture\":\"" + capture + "\",\"card\":" + Bodies.card(pan) + "}";
    }

    static String walletPayment(long amount, String currency, String capture) {
        return "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"method\":\"wallet\",\"provider\":\"paypal\","
                + "\"capture\":\"" + capture + "\",\"wallet\":{\"wallet\":\"paypal\"}}";
    }

    private static JsonPath pay(String body, int status) {
        return Api.seeded().body(body).post("/api/v1/payments").then().statusCode(status).extract().jsonPath();
    }

    /** The requests the sandbox received for a path, in order. */
    private List<PayPalSandbox.Received> received(String path) {
        return sandbox.received().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The provider idempotency key of the payment's latest attempt of {@code operation}. */
    private static String attemptKey(String paymentId, String operation) {
        return (String) dev.payrail.support.Db.one("SELECT provider_idempotency_key AS k FROM payment_attempts "
                + "WHERE payment_id = ? AND operation = ? ORDER BY created_at DESC LIMIT 1", paymentId, operation).get("k");
    }

    private PayPalSandbox.Received createOf(String paymentId) {
        String key = attemptKey(paymentId, "authorize");
        return sandbox.received().stream()
                .filter(r -> r.path().equals("/v2/checkout/orders") && key.equals(r.requestId()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no order create for " + paymentId));
    }

    @Test
    void aPurchaseCapturesAtPayPalOnceWithAValidOrderRequest() {
        JsonPath p = pay(cardPayment(1999, "USD", "4242424242424242", "automatic"), 201);
        assertEquals("captured", p.getString("status"));
        assertEquals("paypal", p.getString("provider"));
        assertEquals(1999, p.getLong("amount_captured"));
        String orderId = p.getString("provider_reference");
        assertEquals("COMPLETED", sandbox.statusOf(orderId));
        assertEquals(1, sandbox.capturesFor(orderId));

        PayPalSandbox.Received create = createOf(p.getString("id"));
        PayPalSchemas.assertValid(PayPalSchemas.ORDERS, "order_request", unmasked(create.body()));
        JsonPath sent = new JsonPath(create.body());
        assertEquals("CAPTURE", sent.getString("intent"));
        assertEquals("19.99", sent.getString("purchase_units[0].amount.value"));
        assertEquals("USD", sent.getString("purchase_units[0].amount.currency_code"));
        assertEquals(Bodies.EXP_YEAR + "-12", sent.getString("payment_source.card.expiry"));
        assertEquals("Ada Lovelace", sent.getString("payment_source.card.name"));
    }

    /** The journal masks card data; put schema-valid digits back for validation of the shape. */
    private static String unmasked(String body) {
        return body.replace("************", "424242424242").replace("\"***\"", "\"123\"");
    }

    @Test
    void zeroDecimalCurrenciesAreSentInMajorUnitsWithoutDecimals() {
        JsonPath p = pay(cardPayment(1500, "JPY", "4242424242424242", "automatic"), 201);
        assertEquals("captured", p.getString("status"));
        assertEquals("1500", new JsonPath(createOf(p.getString("id")).body()).getString("purchase_units[0].amount.value"));
    }

    @Test
    void authorizeThenPartialCaptureThenRefundsInParts() {
        JsonPath p = pay(cardPayment(10000, "EUR", "4242424242424242", "manual"), 201);
        assertEquals("authorized", p.getString("status"));
        String id = p.getString("id");
        String orderId = p.getString("provider_reference");
        assertEquals("AUTHORIZE", new JsonPath(createOf(id).body()).getString("intent"));
        List<String> payments = sandbox.paymentsOf(orderId);
        assertEquals(1, payments.size());
        String authorizationId = payments.get(0);
        assertEquals("CREATED", sandbox.statusOf(authorizationId));
        assertEquals(0, sandbox.capturesFor(orderId));

        Api.seeded().body("{\"amount\":8000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("status", equalTo("captured")).body("amount_captured", equalTo(8000));
        assertEquals("CAPTURED", sandbox.statusOf(authorizationId));
        assertEquals(1, sandbox.capturesFor(orderId));
        PayPalSandbox.Received capture = received("/v2/payments/authorizations/" + authorizationId + "/capture").get(0);
        assertEquals(attemptKey(id, "capture"), capture.requestId());
        PayPalSchemas.assertValid(PayPalSchemas.PAYMENTS, "capture_request", capture.body());
        JsonPath captureBody = new JsonPath(capture.body());
        assertEquals("80.00", captureBody.getString("amount.value"));
        assertEquals(true, captureBody.getBoolean("final_capture"));

        String refundId = Api.seeded().body("{\"amount\":3000}").post("/api/v1/payments/" + id + "/refunds").then()
                .statusCode(201).body("status", equalTo("processed")).extract().path("id");
        String captureId = sandbox.paymentsOf(orderId).get(1);
        assertEquals("PARTIALLY_REFUNDED", sandbox.statusOf(captureId));
        PayPalSandbox.Received refund = received("/v2/payments/captures/" + captureId + "/refund").get(0);
        assertEquals(refundId, refund.requestId());
        PayPalSchemas.assertValid(PayPalSchemas.PAYMENTS, "refund_request", refund.body());
        assertEquals("30.00", new JsonPath(refund.body()).getString("amount.value"));

        Api.seeded().body("{}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("amount", equalTo(5000)).body("status", equalTo("processed"));
        assertEquals("REFUNDED", sandbox.statusOf(captureId));
        Api.seeded().get("/api/v1/payments/" + id).then().body("status", equalTo("refunded"))
                .body("amount_refunded", equalTo(8000));
        assertEquals(1, sandbox.capturesFor(orderId));
    }

    @Test
    void voidingAnAuthorizationVoidsItAtPayPal() {
        JsonPath p = pay(cardPayment(2500, "GBP", "4242424242424242", "manual"), 201);
        String authorizationId = sandbox.paymentsOf(p.getString("provider_reference")).get(0);
        Api.seeded().post("/api/v1/payments/" + p.getString("id") + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        assertEquals("VOIDED", sandbox.statusOf(authorizationId));
        PayPalSandbox.Received voided = received("/v2/payments/authorizations/" + authorizationId + "/void").get(0);
        assertEquals(attemptKey(p.getString("id"), "void"), voided.requestId());
        assertEquals(0, sandbox.capturesFor(p.getString("provider_reference")));
    }

    @Test
    void anInstrumentDeclinedIsAFinalDecline() {
        JsonPath problem = Api.seeded().body(cardPayment(2500, "USD", "4000000000000002", "automatic"))
                .post("/api/v1/payments").then().statusCode(402).contentType("application/problem+json")
                .body("code", equalTo("PAYMENT_DECLINED")).extract().jsonPath();
        assertEquals("instrument_declined", problem.getString("decline_code"));
        String paymentId = problem.getString("payment_id");
        Api.seeded().get("/api/v1/payments/" + paymentId).then().body("status", equalTo("failed"))
                .body("error_code", equalTo("card_declined"));
        // a decline is not retried
        String key = attemptKey(paymentId, "authorize");
        assertEquals(1, sandbox.received().stream()
                .filter(r -> r.path().equals("/v2/checkout/orders") && key.equals(r.requestId())).count());
    }

    @Test
    void aDeclinedCaptureCarriesTheProcessorReason() {
        JsonPath problem = Api.seeded().body(cardPayment(2500, "USD", "4000000000009995", "automatic"))
                .post("/api/v1/payments").then().statusCode(402).extract().jsonPath();
        assertEquals("insufficient_funds", problem.getString("decline_code"));
        JsonPath manual = Api.seeded().body(cardPayment(2500, "USD", "4000000000009995", "manual"))
                .post("/api/v1/payments").then().statusCode(402).extract().jsonPath();
        assertEquals("insufficient_funds", manual.getString("decline_code"));
    }

    @Test
    void aCardNeedingAuthenticationGoesThroughThePayerActionPage() {
        JsonPath p = pay(cardPayment(4200, "USD", "4000002500003155", "automatic"), 201);
        assertEquals("requires_action", p.getString("status"));
        String orderId = p.getString("provider_reference");
        String url = p.getString("next_action.url");
        assertTrue(url.endsWith("/sandbox/paypal/checkoutnow?token=" + orderId), url);
        assertEquals(0, sandbox.capturesFor(orderId));

        RestAssured.given().get(url).then().statusCode(200).body(containsString("42.00 USD"));
        String back = approve(orderId);
        assertTrue(back.contains("/paypal/return/" + p.getString("id") + "?token=" + orderId), back);
        RestAssured.given().get(back).then().statusCode(200).body(containsString("Payment status: captured"));

        Api.seeded().get("/api/v1/payments/" + p.getString("id")).then().body("status", equalTo("captured"))
                .body("amount_captured", equalTo(4200));
        assertEquals(1, sandbox.capturesFor(orderId));
        // the payer reloading the return page does not capture again
        RestAssured.given().get(back).then().statusCode(409);
        assertEquals(1, sandbox.capturesFor(orderId));
    }

    /** Clicks "Approve" on the sandbox's payer-action page; returns where PayPal sends the browser. */
    private static String approve(String orderId) {
        return RestAssured.given().redirects().follow(false).formParam("token", orderId).formParam("decision", "approve")
                .post("/sandbox/paypal/checkoutnow/decision").then().statusCode(303).extract().header("Location");
    }

    @Test
    void aPayPalWalletPaymentIsApprovedByThePayerThenAuthorizedAndCaptured() {
        JsonPath p = pay(walletPayment(3000, "USD", "manual"), 201);
        assertEquals("requires_action", p.getString("status"));
        String orderId = p.getString("provider_reference");
        PayPalSandbox.Received create = createOf(p.getString("id"));
        PayPalSchemas.assertValid(PayPalSchemas.ORDERS, "order_request", create.body());
        JsonPath sent = new JsonPath(create.body());
        assertEquals("AUTHORIZE", sent.getString("intent"));
        assertTrue(sent.getString("payment_source.paypal.experience_context.return_url")
                .endsWith("/paypal/return/" + p.getString("id")));

        // the return page before approval changes nothing
        RestAssured.given().get("/paypal/return/" + p.getString("id") + "?token=" + orderId).then().statusCode(200)
                .body(containsString("requires_action"));
        String back = approve(orderId);
        RestAssured.given().get(back).then().statusCode(200).body(containsString("Payment status: authorized"));
        Api.seeded().body("{}").post("/api/v1/payments/" + p.getString("id") + "/capture").then().statusCode(200)
                .body("status", equalTo("captured")).body("amount_captured", equalTo(3000));
        assertEquals(1, sandbox.capturesFor(orderId));
    }

    @Test
    void aPayerWhoCancelsFailsThePayment() {
        JsonPath p = pay(walletPayment(3000, "USD", "automatic"), 201);
        String orderId = p.getString("provider_reference");
        String back = RestAssured.given().redirects().follow(false).formParam("token", orderId)
                .formParam("decision", "cancel").post("/sandbox/paypal/checkoutnow/decision").then().statusCode(303)
                .extract().header("Location");
        assertTrue(back.contains("/paypal/cancel/" + p.getString("id")), back);
        RestAssured.given().get(back).then().statusCode(200).body(containsString("failed"));
        Api.seeded().get("/api/v1/payments/" + p.getString("id")).then().body("status", equalTo("failed"));
        assertEquals(0, sandbox.capturesFor(orderId));
    }

    @Test
    void theReturnPageNeedsTheOrderOfThePayment() {
        JsonPath p = pay(walletPayment(3000, "USD", "automatic"), 201);
        RestAssured.given().get("/paypal/return/" + p.getString("id") + "?token=SOMEOTHERORDER").then().statusCode(404);
        RestAssured.given().get("/paypal/return/pay_doesnotexist000?token=X").then().statusCode(404);
    }

    @Test
    void otherWalletsAndUnsupportedCurrenciesAreNotRoutedToPayPal() {
        Api.seeded().body("{\"amount\":100,\"currency\":\"INR\",\"method\":\"card\",\"provider\":\"paypal\",\"card\":"
                + Bodies.card("4242424242424242") + "}").post("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("provider"));
        Api.seeded().body("{\"amount\":100,\"currency\":\"INR\",\"method\":\"upi\",\"provider\":\"paypal\","
                + "\"upi\":{\"vpa\":\"success@upi\"}}").post("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("provider"));
        JsonPath declined = Api.seeded().body("{\"amount\":100,\"currency\":\"USD\",\"method\":\"wallet\",\"provider\":\"paypal\","
                + "\"wallet\":{\"wallet\":\"applepay\"}}").post("/api/v1/payments").then().statusCode(402).extract().jsonPath();
        assertNotNull(declined.getString("payment_id"));
    }

    @Test
    void aRetriedCreateResendsTheSameRequestIdAndChargesOnce() {
        sandbox.failNext(1, 503);
        JsonPath p = pay(cardPayment(1234, "USD", "4242424242424242", "automatic"), 201);
        assertEquals("captured", p.getString("status"));
        String key = attemptKey(p.getString("id"), "authorize");
        List<PayPalSandbox.Received> creates = sandbox.received().stream()
                .filter(r -> r.path().equals("/v2/checkout/orders") && key.equals(r.requestId())).toList();
        assertEquals(2, creates.size(), "one 503, one retry");
        assertEquals(creates.get(0).body(), creates.get(1).body());
        assertEquals(1, sandbox.capturesFor(p.getString("provider_reference")));
        assertEquals(1, sandbox.capturesForReference(p.getString("id")));
    }
    private static JsonPath payRouted(Providers.Merchant m, long amount) {
        String id = m.api().body(Bodies.cardPayment(amount, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    /**
     * A 500 may come after PayPal processed the request. When such a try is followed by a retry that
     * the breaker refuses unsent (it opened on that very 500), the call as a whole is unknown: no
     * failover to another provider, which could charge the payer twice.
     */
    @Test
    void aRetryRefusedByABreakerThatOpenedOnAnAmbiguousTryIsUnknownNeverAFailover() {
        var m = Providers.routingTo("paypal", "simulator");
        assertEquals("paypal", payRouted(m, 900).getString("provider")); // the access token is cached now
        breakers.resetAll();

        // Three 500s (a call and two retries), below the test breaker's volume threshold of 4: unknown.
        sandbox.failNext(4, 500);
        JsonPath first = payRouted(m, 1600);
        assertEquals(List.of("unknown"), first.getList("attempts.outcome"));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(PayPalConnector.NAME));

        // The next call's first 500 fills the window and opens the breaker; its retry is refused unsent.
        JsonPath second = payRouted(m, 1700);
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(PayPalConnector.NAME));
        assertEquals("paypal", second.getString("provider"), "no failover after a try that may have reached PayPal");
        assertEquals("processing", second.getString("status"), "unknown, shown as processing: never failed");
        assertEquals(List.of("unknown"), second.getList("attempts.outcome"));
        assertEquals(List.of("paypal"), second.getList("attempts.provider"));

        // PayPal's 500s processed nothing: once the breaker closes, the reconciler's status query (the
        // order create replayed under the attempt's request id) finds the id unused and fails both
        // payments, leaving no status queries behind for the next test's counted requests.
        breakers.resetAll();
        for (JsonPath p : List.of(first, second)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(m.api()
                    .get("/api/v1/payments/" + p.getString("id")).then().statusCode(200).extract().path("status")));
        }
    }
}
