package dev.payrail.customer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.sandbox.stripe.StripeSandbox;
import dev.payrail.sandbox.stripe.StripeSandboxSettings;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Saved payment methods: a card saved on a payment through the simulator and through the Stripe
 * emulator, charged again (on and off session), recognised by its fingerprint when saved again,
 * detached, never failed over to a provider that did not issue its token, and kept to its merchant.
 */
@QuarkusTest
class SavedPaymentMethodTest {

    private static final String VISA = "4242424242424242";
    private static final String MASTERCARD = "5555555555554444";
    private static final String STRIPE_KEY = "sk_test_payrail_sandbox";

    @Inject
    StripeSandbox stripe;
    @Inject
    SimulatorConnector simulator;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        stripe.resetSettings();
        breakers.resetAll();
    }

    /** A new customer (its email in base 36: a run of digits could pass for a card number and be refused). */
    private static String customer(Providers.Merchant m) {
        return m.api().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"email\":\"ada." + Long.toString(System.nanoTime(), 36) + "@example.com\"}").post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
    }

    private static String saveBody(String customer, String pan, long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"USD\",\"method\":\"card\",\"card\":" + Bodies.card(pan)
                + ",\"customer\":\"" + customer + "\",\"save_payment_method\":true}";
    }

    private static String chargeBody(String paymentMethod, long amount, boolean offSession) {
        return "{\"amount\":" + amount + ",\"currency\":\"USD\",\"payment_method\":\"" + paymentMethod
                + "\",\"off_session\":" + offSession + "}";
    }

    private static JsonPath pay(Providers.Merchant m, String body) {
        String id = m.api().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/v1/payments")
                .then().statusCode(201).extract().path("id");
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath methods(Providers.Merchant m, String customer) {
        return m.api().get("/api/v1/customers/" + customer + "/payment_methods").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> row(String pm) {
        return Db.one("SELECT * FROM payment_methods WHERE id = ?", pm);
    }

    private static JsonPath stripeIntent(String id) {
        return RestAssured.given().header("Authorization", "Bearer " + STRIPE_KEY)
                .get("/sandbox/stripe/v1/payment_intents/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCardSavedThroughTheSimulatorIsChargedAgainByItsSavedMethod() {
        var m = Providers.routingTo("simulator");
        String cus = customer(m);

        JsonPath saved = pay(m, saveBody(cus, VISA, 1500));
        assertEquals("captured", saved.getString("status"));
        assertEquals(cus, saved.getString("customer"));
        String pm = saved.getString("payment_method");
        assertTrue(pm.startsWith("pm_"), pm);

        JsonPath list = methods(m, cus);
        assertEquals(List.of(pm), list.getList("data.id"));
        assertEquals("simulator", list.getString("data[0].provider"));
        assertEquals("visa", list.getString("data[0].card.brand"));
        assertEquals("4242", list.getString("data[0].card.last4"));
        assertEquals(12, list.getInt("data[0].card.exp_month"));
        assertEquals(Bodies.EXP_YEAR, list.getInt("data[0].card.exp_year"));
        assertEquals(saved.getString("card.fingerprint"), list.getString("data[0].card.fingerprint"));
        assertTrue(list.getBoolean("data[0].is_default"), "the first saved method is the default");
        m.api().get("/api/v1/customers/" + cus).then().body("default_payment_method", equalTo(pm));

        Map<String, Object> stored = row(pm);
        String token = (String) stored.get("provider_token");
        assertTrue(token.startsWith("simpm_"), "the provider's token, never the card: " + token);
        assertFalse(Db.one("SELECT row_to_json(t)::text AS j FROM payment_methods t WHERE id = ?", pm).get("j").toString()
                .contains(VISA), "no PAN stored");
        assertTrue(simulator.holdsPaymentMethod(token));

        JsonPath again = pay(m, chargeBody(pm, 2500, false));
        assertEquals("captured", again.getString("status"));
        assertEquals("simulator", again.getString("provider"));
        assertEquals(pm, again.getString("payment_method"));
        assertEquals(cus, again.getString("customer"));
        assertEquals(false, again.getBoolean("off_session"));
        assertEquals("4242", again.getString("card.last4"));
        assertEquals(1, simulator.chargesFor(again.getString("id")));

        // GraphQL reads the same.
        JsonPath graph = m.api().contentType("application/json")
                .body(Map.of("query", "query($id: String!) { payment(id: $id) { customer paymentMethod offSession } }",
                        "variables", Map.of("id", again.getString("id"))))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals(cus, graph.getString("data.payment.customer"));
        assertEquals(pm, graph.getString("data.payment.paymentMethod"));
        assertEquals(false, graph.getBoolean("data.payment.offSession"));
    }

    @Test
    void theSameCardSavedTwiceIsOneSavedMethod() {
        var m = Providers.routingTo("simulator");
        String cus = customer(m);
        String first = pay(m, saveBody(cus, VISA, 1000)).getString("payment_method");
        String token = (String) row(first).get("provider_token");
        String second = pay(m, saveBody(cus, VISA, 1100)).getString("payment_method");
        assertEquals(first, second, "recognised by its fingerprint");
        assertEquals(1, methods(m, cus).getList("data").size());
        assertNotEquals(token, row(first).get("provider_token"), "refreshed with the newer token");
        assertFalse(simulator.holdsPaymentMethod(token), "the replaced token is detached at the provider");

        String other = pay(m, saveBody(cus, MASTERCARD, 1200)).getString("payment_method");
        assertNotEquals(first, other);
        JsonPath list = methods(m, cus);
        assertEquals(2, list.getList("data").size());
        assertEquals(first, list.getString("data.find { it.is_default }.id"), "the first saved stays the default");
    }

    @Test
    void aCardSavedThroughStripeBecomesAPaymentMethodOfAStripeCustomerAndIsChargedOffSession() {
        var m = Providers.routingTo("stripe");
        String cus = customer(m);

        JsonPath saved = pay(m, saveBody(cus, VISA, 2000));
        assertEquals("captured", saved.getString("status"));
        assertEquals("stripe", saved.getString("provider"));
        String pm = saved.getString("payment_method");
        Map<String, Object> stored = row(pm);
        String token = (String) stored.get("provider_token");
        String stripeCustomer = (String) stored.get("provider_customer");
        assertTrue(token.startsWith("pm_") && stripeCustomer.startsWith("cus_"), token + " " + stripeCustomer);
        assertEquals(stripeCustomer, stripe.customerOfPaymentMethod(token), "attached to the Stripe Customer");
        JsonPath firstIntent = stripeIntent(saved.getString("provider_reference"));
        assertEquals("off_session", firstIntent.getString("setup_future_usage"));
        assertEquals(stripeCustomer, firstIntent.getString("customer"));

        JsonPath off = pay(m, chargeBody(pm, 3000, true));
        assertEquals("captured", off.getString("status"));
        assertEquals(true, off.getBoolean("off_session"));
        assertEquals(pm, off.getString("payment_method"));
        JsonPath intent = stripeIntent(off.getString("provider_reference"));
        assertEquals(token, intent.getString("payment_method"));
        assertEquals(stripeCustomer, intent.getString("customer"));
        assertEquals(1, stripe.chargesForPayment(off.getString("id")));

        // Saved again: the same Stripe Customer, one saved method, the older PaymentMethod detached at Stripe.
        String again = pay(m, saveBody(cus, VISA, 2100)).getString("payment_method");
        assertEquals(pm, again);
        assertEquals(1, stripe.customersFor(cus), "one Stripe Customer per customer");
        String newToken = (String) row(pm).get("provider_token");
        assertNotEquals(token, newToken);
        assertNull(stripe.customerOfPaymentMethod(token));
        assertEquals(stripeCustomer, stripe.customerOfPaymentMethod(newToken));
    }

    @Test
    void aDetachedMethodIsDetachedAtTheProviderAndNeverChargedAgain() {
        var m = Providers.routingTo("stripe");
        String cus = customer(m);
        String pm = pay(m, saveBody(cus, VISA, 1300)).getString("payment_method");
        String token = (String) row(pm).get("provider_token");

        m.api().delete("/api/v1/customers/" + cus + "/payment_methods/" + pm).then().statusCode(200)
                .body("id", equalTo(pm)).body("detached_at", notNullValue());
        assertNull(stripe.customerOfPaymentMethod(token), "detached at Stripe too");
        assertEquals(0, methods(m, cus).getList("data").size());
        m.api().get("/api/v1/customers/" + cus).then().body("default_payment_method", equalTo(null));
        m.api().delete("/api/v1/customers/" + cus + "/payment_methods/" + pm).then().statusCode(404);

        int before = stripe.requestsForPaymentMethod(token);
        m.api().body(chargeBody(pm, 1000, true)).post("/api/v1/payments").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("INVALID_STATE"))
                .body("param", equalTo("payment_method"));
        assertEquals(before, stripe.requestsForPaymentMethod(token), "nothing sent with the detached method");
    }

    @Test
    void aSavedMethodIsNeverFailedOverToAProviderThatDidNotIssueIt() {
        var m = Providers.routingTo("stripe", "simulator");
        String cus = customer(m);
        String pm = pay(m, saveBody(cus, VISA, 1400)).getString("payment_method");
        assertEquals("stripe", row(pm).get("provider"));

        stripe.update(new StripeSandboxSettings(null, null, null, 1.0, null, null, null, null, null, null, null, null));
        long simulatorCalls = simulator.authorizeCalls();
        String refused = m.api().body(chargeBody(pm, 1000, true)).post("/api/v1/payments").then().statusCode(503)
                .body("code", equalTo("PROVIDER_UNAVAILABLE")).extract().path("payment_id");
        JsonPath p = m.api().get("/api/v1/payments/" + refused).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("stripe"), p.getList("attempts.provider"), "no other provider gets the token");
        assertEquals(List.of("not_sent"), p.getList("attempts.outcome"));
        assertEquals("failed", p.getString("status"));
        assertEquals(simulatorCalls, simulator.authorizeCalls());

        // A card payment without a saved method still fails over.
        JsonPath card = pay(m, Bodies.cardPayment(1000, "USD", VISA, "automatic"));
        assertEquals(List.of("stripe", "simulator"), card.getList("attempts.provider"));

        // Naming another provider for a saved method is refused.
        stripe.resetSettings();
        m.api().body("{\"amount\":1000,\"currency\":\"USD\",\"payment_method\":\"" + pm + "\",\"provider\":\"simulator\"}")
                .post("/api/v1/payments").then().statusCode(400).body("param", equalTo("provider"));
    }

    @Test
    void savedMethodsBelongToTheirMerchantAndCustomer() {
        var a = Providers.routingTo("simulator");
        var b = Providers.routingTo("simulator");
        String cusA = customer(a);
        String otherA = customer(a);
        String pm = pay(a, saveBody(cusA, VISA, 1000)).getString("payment_method");

        b.api().body(chargeBody(pm, 1000, false)).post("/api/v1/payments").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND_ERROR")).body("param", equalTo("payment_method"));
        b.api().get("/api/v1/customers/" + cusA + "/payment_methods").then().statusCode(404);
        b.api().get("/api/v1/customers/" + cusA + "/payment_methods/" + pm).then().statusCode(404);
        b.api().delete("/api/v1/customers/" + cusA + "/payment_methods/" + pm).then().statusCode(404);
        String cusB = customer(b);
        b.api().body(saveBody(cusA, VISA, 1000)).post("/api/v1/payments").then().statusCode(404)
                .body("param", equalTo("customer"));
        b.api().body("{\"default_payment_method\":\"" + pm + "\"}").patch("/api/v1/customers/" + cusB).then().statusCode(404);

        // Another customer of the same merchant neither sees nor charges it.
        a.api().body("{\"amount\":1000,\"currency\":\"USD\",\"payment_method\":\"" + pm + "\",\"customer\":\"" + otherA + "\"}")
                .post("/api/v1/payments").then().statusCode(404).body("param", equalTo("payment_method"));
        a.api().get("/api/v1/customers/" + otherA + "/payment_methods/" + pm).then().statusCode(404);
        a.api().delete("/api/v1/customers/" + otherA + "/payment_methods/" + pm).then().statusCode(404);
        assertEquals(1, methods(a, cusA).getList("data").size(), "still attached");
    }

    @Test
    void cardOnFileRequestsAreCheckedBeforeAnythingIsSent() {
        var m = Providers.routingTo("simulator");
        String cus = customer(m);
        m.api().body("{\"amount\":1000,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + Bodies.card(VISA)
                + ",\"save_payment_method\":true}").post("/api/v1/payments").then().statusCode(400)
                .contentType("application/problem+json").body("param", equalTo("customer"));
        m.api().body(saveBody("cus_doesnotexist000000", VISA, 1000)).post("/api/v1/payments").then().statusCode(404)
                .body("param", equalTo("customer"));
        m.api().body(chargeBody("pm_doesnotexist0000000", 1000, false)).post("/api/v1/payments").then().statusCode(404)
                .body("param", equalTo("payment_method"));
        m.api().body("{\"amount\":1000,\"currency\":\"USD\",\"method\":\"upi\",\"upi\":{\"vpa\":\"success@upi\"},"
                + "\"off_session\":true}").post("/api/v1/payments").then().statusCode(400).body("param", equalTo("off_session"));
        m.api().body("{\"amount\":1000,\"currency\":\"USD\",\"method\":\"upi\",\"upi\":{\"vpa\":\"success@upi\"},"
                + "\"customer\":\"" + cus + "\",\"save_payment_method\":true}").post("/api/v1/payments").then()
                .statusCode(400).body("param", equalTo("save_payment_method"));

        var braintree = Providers.routingTo("braintree");
        String bc = customer(braintree);
        braintree.api().body(saveBody(bc, VISA, 1000)).post("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("save_payment_method"))
                .body("detail", org.hamcrest.Matchers.containsString("cannot store cards"));
    }

    @Test
    void theDefaultMethodIsSetOnTheCustomerAndDeletingTheCustomerDetachesItsMethods() {
        var m = Providers.routingTo("stripe");
        String cus = customer(m);
        String visa = pay(m, saveBody(cus, VISA, 1000)).getString("payment_method");
        String mc = pay(m, saveBody(cus, MASTERCARD, 1000)).getString("payment_method");
        m.api().body("{\"default_payment_method\":\"" + mc + "\"}").patch("/api/v1/customers/" + cus).then()
                .statusCode(200).body("default_payment_method", equalTo(mc));
        assertEquals(mc, methods(m, cus).getString("data.find { it.is_default }.id"));

        String visaToken = (String) row(visa).get("provider_token");
        String mcToken = (String) row(mc).get("provider_token");
        m.api().delete("/api/v1/customers/" + cus).then().statusCode(200);
        assertTrue(row(visa).get("detached_at") != null && row(mc).get("detached_at") != null);
        assertNull(stripe.customerOfPaymentMethod(visaToken));
        assertNull(stripe.customerOfPaymentMethod(mcToken));
        m.api().body(chargeBody(mc, 1000, true)).post("/api/v1/payments").then().statusCode(409);
    }

    @Test
    void aSavingPaymentRetriedWithItsKeyIsReplayedAndSavesOnce() {
        var m = Providers.routingTo("simulator");
        String cus = customer(m);
        String key = UUID.randomUUID().toString();
        String first = m.api().header("Idempotency-Key", key).body(saveBody(cus, VISA, 1700)).post("/api/v1/payments")
                .then().statusCode(201).extract().path("id");
        String second = m.api().header("Idempotency-Key", key).body(saveBody(cus, VISA, 1700)).post("/api/v1/payments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, second);
        assertEquals(1, methods(m, cus).getList("data").size());
        assertEquals(1, simulator.chargesFor(first));
    }
}
