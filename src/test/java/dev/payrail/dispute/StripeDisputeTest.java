package dev.payrail.dispute;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.stripe.StripeSandboxWebhooks;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Stripe disputes end to end: the emulator opens a dispute and sends Stripe's real-shaped, signed
 * {@code charge.dispute.*} events; Payrail records the dispute, moves the payment, forwards evidence
 * ({@code POST /v1/disputes/{id}}) and acceptance ({@code POST /v1/disputes/{id}/close}), and tells
 * the merchant ({@code dispute.*} events).
 */
@QuarkusTest
class StripeDisputeTest {

    private static final String PLATFORM_KEY = "sk_test_payrail_sandbox";
    private static final String PLATFORM_SECRET = "whsec_payrail_sandbox_stripe_signing_secret";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    StripeSandboxWebhooks sandboxEvents;

    private static RequestSpecification stripe(String key) {
        return given().header("Authorization", "Bearer " + key).contentType("application/x-www-form-urlencoded");
    }

    /** A merchant with its own Stripe account, whose webhook endpoint at the emulator is Payrail's. */
    private static String[] merchantWithOwnAccount(Providers.Merchant m) {
        String key = "sk_test_disputes_" + Long.toString(System.nanoTime(), 36);
        String secret = stripe(key).formParam("url", "http://localhost:" + RestAssured.port + "/webhooks/stripe/" + m.id())
                .formParam("enabled_events[0]", "*")
                .post("/sandbox/stripe/v1/webhook_endpoints").then().statusCode(200).extract().path("secret");
        m.api().body("{\"secret_key\":\"" + key + "\",\"webhook_secret\":\"" + secret + "\"}")
                .put("/api/v1/providers/stripe/credentials").then().statusCode(200);
        return new String[] { key, secret };
    }

    private static JsonPath captured(Providers.Merchant m, long amount) {
        return m.api().body(Bodies.cardPayment(amount, "USD", "4242424242424242", "automatic")).post("/api/v1/payments")
                .then().statusCode(201).body("status", equalTo("captured")).extract().jsonPath();
    }

    private static String paymentStatus(Providers.Merchant m, String paymentId) {
        return m.api().get("/api/v1/payments/" + paymentId).then().statusCode(200).extract().path("status");
    }

    private static JsonPath disputesOf(Providers.Merchant m, String paymentId) {
        return m.api().queryParam("payment_id", paymentId).get("/api/v1/disputes").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> merchantEvents(String merchantId, String disputeId) {
        return Db.query("SELECT type FROM events WHERE merchant_id = ? AND object_id = ? ORDER BY created_at, id",
                merchantId, disputeId).stream().map(r -> (String) r.get("type")).toList();
    }

    @Test
    void aDisputeWonWithEvidenceReturnsThePaymentToCaptured() {
        Providers.Merchant m = Providers.routingTo("stripe");
        String key = merchantWithOwnAccount(m)[0];
        JsonPath p = captured(m, 2500);
        String paymentId = p.getString("id");

        String du = stripe(key).formParam("payment_intent", p.getString("provider_reference")).formParam("reason", "fraudulent")
                .post("/sandbox/stripe/v1/test_helpers/disputes").then().statusCode(200)
                .body("object", equalTo("dispute")).body("status", equalTo("needs_response")).extract().path("id");

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath list = disputesOf(m, paymentId);
            assertEquals(1, list.getList("data").size());
            assertEquals(2500, list.getLong("data[0].funds_withdrawn"), "charge.dispute.funds_withdrawn applied");
            assertEquals("disputed", paymentStatus(m, paymentId));
        });
        JsonPath d = disputesOf(m, paymentId);
        String id = d.getString("data[0].id");
        assertTrue(id.startsWith("dp_"), id);
        assertEquals(du, d.getString("data[0].provider_dispute_id"));
        assertEquals("needs_response", d.getString("data[0].status"));
        assertEquals("fraudulent", d.getString("data[0].reason"));
        assertEquals(2500, d.getLong("data[0].amount"));
        assertEquals("USD", d.getString("data[0].currency"));
        assertTrue(Instant.parse(d.getString("data[0].evidence_due_by")).isAfter(Instant.now().plus(Duration.ofDays(20))));

        // Staged evidence: stored here and at Stripe, not submitted.
        m.api().body("{\"evidence\":{\"product_description\":\"Annual plan\",\"uncategorized_text\":\"winning_evidence\"}}")
                .post("/api/v1/disputes/" + id + "/evidence").then().statusCode(200)
                .body("status", equalTo("needs_response")).body("evidence.product_description", equalTo("Annual plan"));
        stripe(key).get("/sandbox/stripe/v1/disputes/" + du).then().statusCode(200)
                .body("evidence.product_description", equalTo("Annual plan"))
                .body("evidence_details.submission_count", equalTo(0));

        // Submitted: under review; Stripe's test evidence "winning_evidence" then wins it.
        m.api().body("{\"evidence\":{\"customer_name\":\"Jane Roe\"},\"submit\":true}")
                .post("/api/v1/disputes/" + id + "/evidence").then().statusCode(200)
                .body("status", equalTo("under_review")).body("evidence.customer_name", equalTo("Jane Roe"))
                .body("evidence.product_description", equalTo("Annual plan"));
        stripe(key).get("/sandbox/stripe/v1/disputes/" + du).then().statusCode(200)
                .body("evidence.customer_name", equalTo("Jane Roe")).body("evidence_details.submission_count", equalTo(1));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath won = m.api().get("/api/v1/disputes/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals("won", won.getString("status"));
            assertEquals(2500, won.getLong("funds_reinstated"));
            assertEquals("captured", paymentStatus(m, paymentId), "a won dispute returns the payment to captured");
        });
        List<String> events = merchantEvents(m.id(), id);
        assertEquals("dispute.created", events.get(0));
        assertTrue(events.contains("dispute.updated"), events.toString());
        assertEquals(1, events.stream().filter("dispute.closed"::equals).count(), events.toString());

        m.api().body("{\"evidence\":{\"customer_name\":\"Late\"}}").post("/api/v1/disputes/" + id + "/evidence").then()
                .statusCode(409).contentType("application/problem+json").body("code", equalTo("INVALID_STATE"));
        m.api().post("/api/v1/disputes/" + id + "/accept").then().statusCode(409);
    }

    @Test
    void submittedLosingEvidenceLosesTheDisputeAndThePaymentStaysDisputed() {
        Providers.Merchant m = Providers.routingTo("stripe");
        String key = merchantWithOwnAccount(m)[0];
        JsonPath p = captured(m, 1800);
        stripe(key).formParam("payment_intent", p.getString("provider_reference"))
                .post("/sandbox/stripe/v1/test_helpers/disputes").then().statusCode(200);
        await().atMost(WAIT).until(() -> disputesOf(m, p.getString("id")).getList("data").size() == 1);
        String id = disputesOf(m, p.getString("id")).getString("data[0].id");
        m.api().body("{\"evidence\":{\"uncategorized_text\":\"losing_evidence\"},\"submit\":true}")
                .post("/api/v1/disputes/" + id + "/evidence").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> m.api().get("/api/v1/disputes/" + id).then().body("status", equalTo("lost")));
        assertEquals("disputed", paymentStatus(m, p.getString("id")));
        assertTrue(merchantEvents(m.id(), id).contains("dispute.closed"));
    }

    @Test
    void acceptingClosesTheDisputeAtStripeAsLostOnceForOneIdempotencyKey() {
        Providers.Merchant m = Providers.routingTo("stripe"); // the platform's Stripe account
        JsonPath p = captured(m, 3100);
        Map<String, Object> dispute = stripe(PLATFORM_KEY).formParam("payment_intent", p.getString("provider_reference"))
                .post("/sandbox/stripe/v1/test_helpers/disputes").then().statusCode(200).extract().jsonPath().getMap("");
        deliver("charge.dispute.created", dispute);
        JsonPath list = disputesOf(m, p.getString("id"));
        assertEquals(1, list.getList("data").size());
        String id = list.getString("data[0].id");
        assertEquals("disputed", paymentStatus(m, p.getString("id")));

        String first = m.api().header("Idempotency-Key", "accept-" + id).post("/api/v1/disputes/" + id + "/accept").then()
                .statusCode(200).body("status", equalTo("lost")).body("closed_at", org.hamcrest.Matchers.notNullValue())
                .extract().asString();
        String again = m.api().header("Idempotency-Key", "accept-" + id).post("/api/v1/disputes/" + id + "/accept").then()
                .statusCode(200).extract().asString();
        assertEquals(first, again, "the same key replays the first answer");
        stripe(PLATFORM_KEY).get("/sandbox/stripe/v1/disputes/" + dispute.get("id")).then().body("status", equalTo("lost"));
        assertEquals("disputed", paymentStatus(m, p.getString("id")));
        assertEquals(List.of("dispute.created", "dispute.closed"), merchantEvents(m.id(), id));
    }

    @Test
    void outOfOrderAndRepeatedEventsMakeOneDisputeThatNeverReopens() {
        Providers.Merchant m = Providers.routingTo("stripe");
        JsonPath p = captured(m, 4000);
        String pi = p.getString("provider_reference");
        String du = "du_" + Long.toString(System.nanoTime(), 36);
        Map<String, Object> underReview = disputeObject(du, pi, 4000, "under_review", List.of(-4000L));
        Map<String, Object> created = disputeObject(du, pi, 4000, "needs_response", List.of());
        Map<String, Object> won = disputeObject(du, pi, 4000, "won", List.of(-4000L, 4000L));

        StripeSandboxWebhooks.Signed updated = sign("charge.dispute.updated", underReview);
        post(updated).body("status", equalTo("applied"));
        post(updated).body("duplicate", equalTo(true)); // Stripe retries the same event
        deliver("charge.dispute.created", created);
        JsonPath list = disputesOf(m, p.getString("id"));
        assertEquals(1, list.getList("data").size());
        assertEquals("under_review", list.getString("data[0].status"), "an earlier status does not win over a later one");
        assertEquals(4000, list.getLong("data[0].funds_withdrawn"));
        assertEquals("disputed", paymentStatus(m, p.getString("id")));

        deliver("charge.dispute.closed", won);
        deliver("charge.dispute.updated", underReview); // late
        list = disputesOf(m, p.getString("id"));
        assertEquals(1, list.getList("data").size());
        assertEquals("won", list.getString("data[0].status"));
        assertEquals(4000, list.getLong("data[0].funds_reinstated"));
        assertEquals("captured", paymentStatus(m, p.getString("id")));
        // A late payment event cannot take the payment anywhere either.
        deliver("payment_intent.succeeded", Map.of("id", pi, "object", "payment_intent", "amount_received", 4000,
                "currency", "usd", "status", "succeeded"));
        assertEquals("captured", paymentStatus(m, p.getString("id")));
        assertEquals(List.of("dispute.created", "dispute.closed"), merchantEvents(m.id(), list.getString("data[0].id")));
    }

    @Test
    void disputesBelongToTheirMerchantOnly() {
        Providers.Merchant a = Providers.routingTo("stripe");
        Providers.Merchant b = Providers.routingTo("stripe");
        String[] bAccount = merchantWithOwnAccount(b);
        JsonPath p = captured(a, 1500); // on the platform's account
        String pi = p.getString("provider_reference");
        Map<String, Object> obj = disputeObject("du_x" + Long.toString(System.nanoTime(), 36), pi, 1500, "needs_response",
                List.of());
        // Merchant b's own account reports a dispute naming a's payment: verified, but not applied.
        long now = Instant.now().getEpochSecond();
        StripeSandboxWebhooks.Signed foreign = sandboxEvents.signed("charge.dispute.created", obj, bAccount[1], now);
        given().header("Stripe-Signature", foreign.signature()).contentType("application/json").body(foreign.payload())
                .post("/webhooks/stripe/" + b.id()).then().statusCode(200).body("status", equalTo("unmatched"));
        assertEquals(0, disputesOf(a, p.getString("id")).getList("data").size());
        assertEquals("captured", paymentStatus(a, p.getString("id")));

        deliver("charge.dispute.created", obj);
        String id = disputesOf(a, p.getString("id")).getString("data[0].id");
        b.api().get("/api/v1/disputes/" + id).then().statusCode(404).contentType("application/problem+json");
        b.api().get("/api/v1/disputes").then().statusCode(200).body("data", hasSize(0));
        b.api().body("{\"evidence\":{\"customer_name\":\"x\"}}").post("/api/v1/disputes/" + id + "/evidence").then()
                .statusCode(404);
        b.api().post("/api/v1/disputes/" + id + "/accept").then().statusCode(404);
        a.api().get("/api/v1/disputes/" + id).then().statusCode(200).body("payment_id", equalTo(p.getString("id")));
    }

    @Test
    void listsFilterAndPageAndBadInputIsAProblem() {
        Providers.Merchant m = Providers.routingTo("stripe");
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            JsonPath p = captured(m, 1000 + i);
            deliver("charge.dispute.created", disputeObject("du_l" + i + Long.toString(System.nanoTime(), 36),
                    p.getString("provider_reference"), 1000 + i, i == 0 ? "warning_needs_response" : "needs_response",
                    List.of()));
            ids[i] = disputesOf(m, p.getString("id")).getString("data[0].id");
        }
        JsonPath page = m.api().queryParam("limit", 2).get("/api/v1/disputes").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids[2], ids[1]), page.getList("data.id"));
        assertTrue(page.getBoolean("has_more"));
        m.api().queryParam("limit", 2).queryParam("starting_after", ids[1]).get("/api/v1/disputes").then().statusCode(200)
                .body("data.id", equalTo(List.of(ids[0]))).body("has_more", equalTo(false));
        m.api().queryParam("status", "warning_needs_response").get("/api/v1/disputes").then().statusCode(200)
                .body("data.id", equalTo(List.of(ids[0])));
        m.api().queryParam("status", "open").get("/api/v1/disputes").then().statusCode(400)
                .contentType("application/problem+json").body("param", equalTo("status"));
        m.api().queryParam("starting_after", "pay_1").get("/api/v1/disputes").then().statusCode(400);
        m.api().body("{\"evidence\":{\"favourite_colour\":\"blue\"}}").post("/api/v1/disputes/" + ids[1] + "/evidence")
                .then().statusCode(400).body("param", equalTo("evidence.favourite_colour"));
        m.api().body("{\"evidence\":{\"receipt\":\"not a file\"}}").post("/api/v1/disputes/" + ids[1] + "/evidence")
                .then().statusCode(400).body("param", equalTo("evidence.receipt"));
        m.api().body("{\"evidence\":{}}").post("/api/v1/disputes/" + ids[1] + "/evidence").then().statusCode(400);
        m.api().get("/api/v1/disputes/dp_doesnotexist").then().statusCode(404);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A Stripe Dispute object as Stripe sends it in events. */
    private static Map<String, Object> disputeObject(String id, String pi, long amount, String status, List<Long> balance) {
        List<Map<String, Object>> bts = balance.stream().map(v -> Map.<String, Object>of("id", "txn_" + Math.abs(v),
                "object", "balance_transaction", "amount", v, "currency", "usd")).toList();
        return Map.ofEntries(Map.entry("id", id), Map.entry("object", "dispute"), Map.entry("amount", amount),
                Map.entry("balance_transactions", bts), Map.entry("charge", "ch_" + pi.substring(3)),
                Map.entry("created", Instant.now().getEpochSecond()), Map.entry("currency", "usd"),
                Map.entry("evidence_details", Map.of("due_by", Instant.now().plus(Duration.ofDays(21)).getEpochSecond(),
                        "has_evidence", false, "past_due", false, "submission_count", 0)),
                Map.entry("is_charge_refundable", false), Map.entry("livemode", false), Map.entry("metadata", Map.of()),
                Map.entry("payment_intent", pi), Map.entry("reason", "product_not_received"), Map.entry("status", status));
    }

    private StripeSandboxWebhooks.Signed sign(String type, Map<String, Object> object) {
        return sandboxEvents.signed(type, object, PLATFORM_SECRET, Instant.now().getEpochSecond());
    }

    private static io.restassured.response.ValidatableResponse post(StripeSandboxWebhooks.Signed e) {
        return given().header("Stripe-Signature", e.signature()).contentType("application/json").body(e.payload())
                .post("/webhooks/stripe").then().statusCode(200);
    }

    private void deliver(String type, Map<String, Object> object) {
        post(sign(type, object));
    }
}
