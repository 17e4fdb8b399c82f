package dev.payrail.connector.braintree;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.braintree.BraintreeSandbox;
import dev.payrail.sandbox.braintree.BraintreeSandboxSettings;
import dev.payrail.sandbox.braintree.BraintreeSandboxWebhooks;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Every Braintree operation and error class through Payrail's API, the connector and the emulator over HTTP. */
@QuarkusTest
class BraintreeConnectorTest {

    @Inject
    BraintreeSandbox sandbox;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    static JsonPath pay(Providers.Merchant m, String body, int status) {
        return m.api().body(body).post("/api/v1/payments").then().statusCode(status).extract().jsonPath();
    }

    static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    static String attempt(Providers.Merchant m, String paymentId) {
        return read(m, paymentId).getString("attempts[0].id");
    }

    /** Delivers the emulator's notifications to Payrail as Braintree would (form-encoded). */
    static void deliver(List<BraintreeSandboxWebhooks.Signed> events, String path) {
        for (BraintreeSandboxWebhooks.Signed e : events) {
            RestAssured.given().contentType("application/x-www-form-urlencoded")
                    .body(new String(e.form(), java.nio.charset.StandardCharsets.US_ASCII)).post(path).then()
                    .statusCode(200).body("duplicate", equalTo(false));
        }
    }

    @Test
    void authorizePartialCaptureSettlementWebhookAndPartialRefundEndToEnd() {
        var m = Providers.routingTo("braintree");
        JsonPath p = pay(m, Bodies.cardPayment(5000, "USD", "4111111111111111", "manual"), 201);
        String id = p.getString("id");
        String tx = p.getString("provider_reference");
        assertEquals("braintree", p.getString("provider"));
        assertEquals("authorized", p.getString("status"));
        assertEquals("authorized", sandbox.status(tx));
        assertEquals(new BigDecimal("50.00"), sandbox.amount(tx), "major units with the currency's decimals");
        assertEquals(List.of(tx), sandbox.idsForOrder(attempt(m, id)), "the sale's order-id is the attempt id");

        m.api().body("{\"amount\":3000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("status", equalTo("captured")).body("amount_captured", equalTo(3000));
        assertEquals("submitted_for_settlement", sandbox.status(tx));
        assertEquals(new BigDecimal("30.00"), sandbox.amount(tx), "submitted for settlement with the smaller amount");

        // Braintree refunds settled transactions only (91506): a clear failure, nothing faked.
        JsonPath early = m.api().body("{\"amount\":1000}").post("/api/v1/payments/" + id + "/refunds").then()
                .statusCode(201).extract().jsonPath();
        assertEquals("failed", early.getString("status"));
        assertEquals("transaction_not_settled", early.getString("error_code"));
        assertTrue(early.getString("error_description").contains("91506"), early.getString("error_description"));
        assertEquals(0, read(m, id).getInt("amount_refunded"));

        // The settlement batch runs; Braintree announces it.
        List<BraintreeSandboxWebhooks.Signed> settled = sandbox.settle(tx, false);
        assertEquals("transaction_settled", settled.get(0).kind());
        deliver(settled, "/webhooks/braintree");
        assertEquals(1, Db.query("SELECT 1 FROM provider_events WHERE provider = 'braintree' AND event_id LIKE 'btn_%' "
                + "AND event_type = 'transaction_settled' AND kind = 'CAPTURED' AND provider_reference = ?", tx).size());

        JsonPath refund = m.api().body("{\"amount\":1000}").post("/api/v1/payments/" + id + "/refunds").then()
                .statusCode(201).extract().jsonPath();
        assertEquals("processed", refund.getString("status"));
        String credit = refund.getString("provider_reference");
        assertEquals("submitted_for_settlement", sandbox.status(credit));
        assertEquals(new BigDecimal("10.00"), sandbox.amount(credit));
        assertEquals(1, sandbox.refunds(refund.getString("id")), "the refund's order-id is our refund id");
        JsonPath after = read(m, id);
        assertEquals("partially_refunded", after.getString("status"));
        assertEquals(3000, after.getInt("amount_captured"));
        assertEquals(1000, after.getInt("amount_refunded"));

        List<String> events = Db.query("SELECT type FROM events WHERE merchant_id = ? ORDER BY created_at, id", m.id())
                .stream().map(r -> (String) r.get("type")).toList();
        for (String type : List.of("payment.created", "payment.authorized", "payment.captured", "refund.created",
                "refund.failed", "refund.processed", "payment.partially_refunded")) {
            assertTrue(events.contains(type), type + " in " + events);
        }
    }

    @Test
    void automaticCaptureSubmitsForSettlementAndAVoidCancelsAnAuthorization() {
        var m = Providers.routingTo("braintree");
        JsonPath auto = pay(m, Bodies.cardPayment(1999, "USD", "5555555555554444", "automatic"), 201);
        assertEquals("captured", auto.getString("status"));
        assertEquals(1999, auto.getInt("amount_captured"));
        assertEquals("submitted_for_settlement", sandbox.status(auto.getString("provider_reference")));

        JsonPath manual = pay(m, Bodies.cardPayment(2500, "EUR", "4111111111111111", "manual"), 201);
        assertEquals(new BigDecimal("25.00"), sandbox.amount(manual.getString("provider_reference")));
        m.api().post("/api/v1/payments/" + manual.getString("id") + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        assertEquals("voided", sandbox.status(manual.getString("provider_reference")));

        JsonPath yen = pay(m, Bodies.cardPayment(1000, "JPY", "5555555555554444", "automatic"), 201);
        assertEquals(new BigDecimal("1000"), sandbox.amount(yen.getString("provider_reference")), "JPY has no decimals");
        // No merchant account for CHF on this account: nothing is sent (it would be charged in USD).
        JsonPath chf = pay(m, Bodies.cardPayment(1000, "CHF", "4111111111111111", "automatic"), 503);
        assertEquals(0, sandbox.idsForOrder(attempt(m, chf.getString("payment_id"))).size());
    }

    @Test
    void documentedDeclinesAndRejectionsAreFinalAndNeverFailedOver() {
        var m = Providers.routingTo("braintree", "simulator");
        Object[][] cases = {
                { "4111111111111111", 200100L, "card_declined", "insufficient_funds" },
                { "4111111111111111", 200000L, "card_declined", "do_not_honor" },
                { "4111111111111111", 204600L, "card_declined", "generic_decline" },
                { "4000111111111115", 1000L, "card_declined", "do_not_honor" },
                { "4111111111111111", 300000L, "processing_failed", "processing_error" },
                { "4111111111111111", 500100L, "gateway_rejected", "application_incomplete" },
                { "4000111111111511", 1000L, "gateway_rejected", "fraud" } };
        for (Object[] c : cases) {
            JsonPath d = pay(m, Bodies.cardPayment((Long) c[1], "USD", (String) c[0], "automatic"), 402);
            assertEquals("PAYMENT_DECLINED", d.getString("code"));
            assertEquals(c[2], d.getString("provider_error_code"), c[0] + " " + c[1]);
            assertEquals(c[3], d.getString("decline_code"), c[0] + " " + c[1]);
            JsonPath payment = read(m, d.getString("payment_id"));
            assertEquals("failed", payment.getString("status"));
            assertEquals(List.of("braintree"), payment.getList("attempts.provider"), "never failed over");
            assertEquals(0, sandbox.approvedSales(attempt(m, d.getString("payment_id"))));
        }
    }

    @Test
    void lostSaleAnswersAreFoundByOrderIdBeforeAnyResendAndChargeOnce() {
        var m = Providers.routingTo("braintree", "simulator");
        for (String mode : List.of("reset", "timeout")) {
            sandbox.update(BraintreeSandboxSettings.losing(1.0, mode, "/transactions"));
            JsonPath p = pay(m, Bodies.cardPayment(4200, "USD", "4111111111111111", "automatic"), 201);
            sandbox.resetSettings();
            String order = attempt(m, p.getString("id"));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> "captured".equals(read(m, p.getString("id")).getString("status")));
            assertEquals("braintree", p.getString("provider"), "never failed over: " + mode);
            assertEquals(1, sandbox.idsForOrder(order).size(), "one sale, found by its order id: " + mode);
            assertEquals(sandbox.idsForOrder(order).get(0), read(m, p.getString("id")).getString("provider_reference"));
            assertEquals(1, sandbox.approvedSales(order), "charged once: " + mode);
        }
    }

    @Test
    void aLostCaptureAnswerIsSettledByAStatusQueryNotASecondSubmission() {
        var m = Providers.routingTo("braintree");
        JsonPath p = pay(m, Bodies.cardPayment(6000, "USD", "4111111111111111", "manual"), 201);
        String id = p.getString("id");
        sandbox.update(BraintreeSandboxSettings.losing(1.0, "reset", "/submit_for_settlement"));
        m.api().body("{\"amount\":4500}").post("/api/v1/payments/" + id + "/capture").then().statusCode(202)
                .body("status", equalTo("capture_pending"));
        sandbox.resetSettings();
        assertEquals("submitted_for_settlement", sandbox.status(p.getString("provider_reference")), "Braintree did submit");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "captured".equals(read(m, id).getString("status")));
        assertEquals(4500, read(m, id).getInt("amount_captured"));
        assertEquals(1, read(m, id).getList("attempts.operation").stream().filter("capture"::equals).count(),
                "one capture; the reconciler asked for the status");
        assertEquals(1, sandbox.approvedSales(attempt(m, id)));
    }

    @Test
    void aLostRefundAnswerIsFoundByOurRefundIdWithoutASecondRefund() {
        var m = Providers.routingTo("braintree");
        JsonPath p = pay(m, Bodies.cardPayment(8000, "USD", "4111111111111111", "automatic"), 201);
        String tx = p.getString("provider_reference");
        sandbox.settle(tx, false);
        sandbox.update(BraintreeSandboxSettings.losing(1.0, "reset", "/refund"));
        JsonPath refund = m.api().body("{\"amount\":3000}").post("/api/v1/payments/" + p.getString("id") + "/refunds")
                .then().statusCode(201).extract().jsonPath();
        sandbox.resetSettings();
        String refundId = refund.getString("id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "processed".equals(
                m.api().get("/api/v1/refunds/" + refundId).then().statusCode(200).extract().path("status")));
        assertEquals(1, sandbox.refunds(refundId), "one credit with our refund id");
        assertEquals(sandbox.idsForOrder(refundId).get(0),
                m.api().get("/api/v1/refunds/" + refundId).then().extract().path("provider_reference"));
        assertEquals(3000, read(m, p.getString("id")).getInt("amount_refunded"));
    }

    @Test
    void unavailableBraintreeFailsOverAndAServerErrorIsReconciledAsNothingCharged() {
        var m = Providers.routingTo("braintree", "simulator");
        sandbox.update(BraintreeSandboxSettings.unavailable(1.0));
        JsonPath p = pay(m, Bodies.cardPayment(2000, "USD", "4111111111111111", "automatic"), 201);
        assertEquals("simulator", p.getString("provider"), "503 processed nothing: failed over");
        assertEquals(List.of("braintree", "simulator"), read(m, p.getString("id")).getList("attempts.provider"));
        sandbox.resetSettings();
        breakers.resetAll();

        // A 500 may have processed the sale: never failed over, the reconciler looks by order id.
        sandbox.update(BraintreeSandboxSettings.failing(1.0));
        String id = m.api().body(Bodies.cardPayment(2100, "USD", "4111111111111111", "automatic")).post("/api/v1/payments")
                .then().extract().jsonPath().getString("id");
        JsonPath unknown = read(m, id);
        assertEquals("unknown", unknown.getString("attempts[0].outcome"));
        assertEquals(List.of("braintree"), unknown.getList("attempts.provider"), "never failed over");
        sandbox.resetSettings();
        breakers.resetAll();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(read(m, id).getString("status")));
        assertEquals(0, sandbox.approvedSales(attempt(m, id)));
    }

    @Test
    void badCredentialsChargeNothingAndAreNamed() {
        var m = Providers.routingTo("braintree");
        m.api().body("{\"merchant_id\":\"payrail_sandbox_merchant\",\"public_key\":\"payrail_sandbox_public_key\","
                + "\"private_key\":\"not-the-private-key\"}").put("/api/v1/providers/braintree/credentials").then()
                .statusCode(200);
        JsonPath refused = pay(m, Bodies.cardPayment(2000, "USD", "4111111111111111", "automatic"), 503);
        assertEquals("PROVIDER_UNAVAILABLE", refused.getString("code"));
        JsonPath failed = read(m, refused.getString("payment_id"));
        assertEquals("failed", failed.getString("status"));
        assertEquals("provider_authentication_failed", failed.getString("attempts[0].error_code"));
        assertEquals(0, sandbox.idsForOrder(failed.getString("attempts[0].id")).size());
        m.api().body("{\"merchant_id\":\"x\"}").put("/api/v1/providers/braintree/credentials").then().statusCode(400);
    }

    @Test
    void theEmulatorAnswersBraintreesErrorDocuments() {
        String base = "/sandbox/braintree/merchants/payrail_sandbox_merchant/transactions";
        RestAssured.given().header("X-ApiVersion", "6").contentType("application/xml").body("<transaction/>").post(base)
                .then().statusCode(401);
        RestAssured.given().auth().preemptive().basic("payrail_sandbox_public_key", "payrail_sandbox_braintree_private_key")
                .contentType("application/xml").body("<transaction/>").post(base).then().statusCode(426);
        String error = RestAssured.given().auth().preemptive()
                .basic("payrail_sandbox_public_key", "payrail_sandbox_braintree_private_key").header("X-ApiVersion", "6")
                .contentType("application/xml").body("<transaction><type>sale</type><amount>10.001</amount>"
                        + "<credit-card><number>4111111111111111</number></credit-card></transaction>")
                .post(base).then().statusCode(422).extract().asString();
        BraintreeXml.Node doc = BraintreeXml.parse(error);
        assertEquals("api-error-response", doc.name());
        assertEquals("81503", BraintreeMapping.firstErrorCode(doc));
        RestAssured.given().auth().preemptive().basic("payrail_sandbox_public_key", "payrail_sandbox_braintree_private_key")
                .header("X-ApiVersion", "6").get(base + "/nosuchtx").then().statusCode(404);
        // A DTD is refused, never expanded.
        RestAssured.given().auth().preemptive().basic("payrail_sandbox_public_key", "payrail_sandbox_braintree_private_key")
                .header("X-ApiVersion", "6").contentType("application/xml")
                .body("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><transaction>&x;</transaction>")
                .post(base).then().statusCode(400);
    }

    @Test
    void theProvidersListNamesBraintreeWithItsHealthAndOperations() {
        var m = Providers.routingTo("braintree");
        pay(m, Bodies.cardPayment(1500, "USD", "4111111111111111", "automatic"), 201);
        m.api().get("/api/v1/providers").then().statusCode(200).body("data.provider", hasItem("braintree"));
        JsonPath list = m.api().get("/api/v1/providers").then().extract().jsonPath();
        String me = "data.find { it.provider == 'braintree' }";
        assertEquals(List.of("card"), list.getList(me + ".methods"));
        assertEquals("closed", list.getString(me + ".health.circuit_breaker"));
        assertEquals(true, list.getBoolean(me + ".enabled"));
        assertEquals(List.of("authorize", "capture", "partial_capture", "void", "refund", "partial_refund",
                "payment_status", "refund_status"), list.getList(me + ".operations"));
        assertTrue(list.getInt(me + ".health.recent_calls") >= 1, "the payment's call is in the health window");
        assertNull(sandbox.status("nosuchtx"));
    }
}
