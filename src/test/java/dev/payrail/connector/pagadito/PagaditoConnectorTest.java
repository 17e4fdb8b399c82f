package dev.payrail.connector.pagadito;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.sandbox.pagadito.PagaditoSandbox;
import dev.payrail.sandbox.pagadito.PagaditoSandboxSettings;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import dev.payrail.support.StoredResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Pagadito end to end: Payrail's API, the Pagadito connector, the APIPG emulator over HTTP, its payer
 * page, Payrail's return page and the reconciler, on the real PostgreSQL and Redis.
 */
@QuarkusTest
class PagaditoConnectorTest {

    private static final String SHOP = "https://shop.example/done";

    @Inject
    PagaditoSandbox sandbox;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    private static String body(long amount, String flow, String extra) {
        return "{\"amount\":" + amount + ",\"currency\":\"USD\",\"method\":\"wallet\",\"wallet\":{\"wallet\":\"pagadito\""
                + (flow == null ? "" : ",\"flow\":\"" + flow + "\"") + ",\"return_url\":\"" + SHOP + "\"}" + extra + "}";
    }

    private static JsonPath pay(Providers.Merchant m, long amount, int status) {
        return m.api().body(body(amount, "redirect", "")).post("/api/v1/payments").then().statusCode(status).extract()
                .jsonPath();
    }

    private static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The payer presses a button on Pagadito's page; the answer's Location is the panel's return URL. */
    private static String press(String payerUrl, String action) {
        Response r = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("action", action).post(payerUrl.replace("mod=login", "mod=pay"));
        assertEquals(303, r.statusCode(), r.asString());
        return r.header("Location");
    }

    private static List<String> events(Providers.Merchant m) {
        return Db.query("SELECT type FROM events WHERE merchant_id = ? ORDER BY created_at, id", m.id()).stream()
                .map(r -> (String) r.get("type")).toList();
    }

    @Test
    void aRedirectPaymentIsPaidOnPagaditosPageReturnsAndIsCaptured() {
        var m = Providers.routingTo("pagadito");
        JsonPath p = pay(m, 2500, 201);
        String id = p.getString("id");
        assertEquals("requires_action", p.getString("status"));
        assertEquals("pagadito", p.getString("provider"));
        assertEquals("redirect_to_url", p.getString("next_action.type"));
        String url = p.getString("next_action.url");
        String token = p.getString("provider_reference");
        assertTrue(url.contains("/sandbox/pagadito/comercios/index.php?mod=login&token=" + token), url);
        assertTrue(p.getString("next_action.return_url").endsWith("/pagadito/return"), p.getString("next_action.return_url"));
        PagaditoSandbox.Transaction t = sandbox.byErn(null, id);
        assertNotNull(t, "the ERN is the payment id");
        assertEquals("25.00", t.amount());
        assertEquals("USD", t.currency());
        assertEquals("REGISTERED", t.status());

        RestAssured.given().get(url).then().statusCode(200).body(containsString("25.00"))
                .body(containsString(id));
        String back = press(url, "pay");
        assertTrue(back.contains("/pagadito/return?token=" + token + "&ern=" + id), back);
        RestAssured.given().get(back).then().statusCode(200).body(containsString("Payment status: captured"))
                .body(containsString("href=\"" + SHOP + "\""));

        JsonPath captured = read(m, id);
        assertEquals("captured", captured.getString("status"));
        assertEquals(2500, captured.getInt("amount_captured"));
        assertEquals(token, captured.getString("provider_reference"));
        assertEquals("COMPLETED", t.status());
        assertTrue(events(m).containsAll(List.of("payment.created", "payment.requires_action", "payment.captured")),
                events(m).toString());
        // A second return (a reload) changes nothing.
        RestAssured.given().get(back).then().statusCode(200).body(containsString("Payment status: captured"));
        assertEquals(1, events(m).stream().filter("payment.captured"::equals).count());
    }

    @Test
    void aPayerWhoGoesBackToTheShopFailsThePayment() {
        var m = Providers.routingTo("pagadito");
        JsonPath p = pay(m, 1500, 201);
        String back = press(p.getString("next_action.url"), "cancel");
        RestAssured.given().get(back).then().statusCode(200).body(containsString("Payment status: failed"));
        JsonPath failed = read(m, p.getString("id"));
        assertEquals("failed", failed.getString("status"));
        assertEquals("payer_cancelled", failed.getString("error_code"));
        assertTrue(events(m).contains("payment.failed"));
    }

    @Test
    void aPayerWhoNeverComesBackIsSettledByPolling() {
        var m = Providers.routingTo("pagadito");
        JsonPath p = pay(m, 4200, 201);
        String id = p.getString("id");
        assertNotNull(sandbox.payerActs(p.getString("provider_reference"), true, "http://localhost"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "captured".equals(read(m, id).getString("status")));
        JsonPath after = read(m, id);
        assertEquals(4200, after.getInt("amount_captured"));
        assertTrue(after.getList("attempts.operation").contains("status"), "found by get_status");
        assertTrue(events(m).contains("payment.captured"));
    }

    @Test
    void aPayerWhoLetsTheWindowPassFailsAsExpiredAndALatePaymentIsKeptVisible() {
        var m = Providers.routingTo("pagadito");
        JsonPath p = pay(m, 3100, 201);
        String id = p.getString("id");
        String url = p.getString("next_action.url");
        // The payer's 15 minutes are up (only this payment is moved back in time).
        Db.update("UPDATE payments SET created_at = created_at - interval '20 minutes', reconcile_after = now() "
                + "WHERE id = ? AND merchant_id = ?", id, m.id());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(read(m, id).getString("status")));
        JsonPath expired = read(m, id);
        assertEquals("payment_expired", expired.getString("error_code"));
        assertFalse(expired.getList("attempts.operation").contains("void"), "Pagadito has no void: failed directly");
        assertTrue(events(m).contains("payment.failed"));

        // The payer still had Pagadito's page open and pays: the failed payment stays failed (final), but the
        // money Pagadito took shows on the payment as a succeeded status attempt and the payer is told.
        String back = press(url, "pay");
        RestAssured.given().get(back).then().statusCode(200).body(containsString("after this payment had expired"))
                .body(containsString("Payment status: failed"));
        JsonPath late = read(m, id);
        assertEquals("failed", late.getString("status"));
        List<Map<String, Object>> attempts = late.getList("attempts");
        assertTrue(attempts.stream().anyMatch(a -> "status".equals(a.get("operation")) && "succeeded".equals(a.get("outcome"))),
                attempts.toString());
        assertFalse(events(m).contains("payment.captured"));
    }

    @Test
    void captureVoidAndRefundAreRefusedBeforeAnythingIsWritten() {
        var m = Providers.routingTo("pagadito");
        JsonPath p = pay(m, 2000, 201);
        String id = p.getString("id");
        RestAssured.given().get(press(p.getString("next_action.url"), "pay")).then().statusCode(200);
        assertEquals("captured", read(m, id).getString("status"));
        int attempts = read(m, id).getList("attempts").size();
        long refunds = Db.query("SELECT 1 FROM refunds WHERE payment_id = ?", id).size();

        m.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(422)
                .body("code", equalTo("OPERATION_NOT_SUPPORTED"));
        m.api().post("/api/v1/payments/" + id + "/cancel").then().statusCode(422)
                .body("code", equalTo("OPERATION_NOT_SUPPORTED"));
        m.api().body("{\"amount\":500}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(422)
                .body("code", equalTo("OPERATION_NOT_SUPPORTED")).body("detail", containsString("pagadito"));
        JsonPath after = read(m, id);
        assertEquals("captured", after.getString("status"));
        assertEquals(attempts, after.getList("attempts").size(), "no attempt written");
        assertEquals(refunds, Db.query("SELECT 1 FROM refunds WHERE payment_id = ?", id).size(), "no refund written");
    }

    @Test
    void theQrFlowAndManualCaptureAreRefusedBeforeAnythingIsWritten() {
        var m = Providers.routingTo("pagadito");
        m.api().body(body(2000, "qr", ",\"provider\":\"pagadito\"")).post("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("wallet.flow")).body("detail", containsString("redirect"));
        m.api().body(body(2000, null, ",\"capture\":\"manual\"")).post("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("capture"));
        assertEquals(0, Db.query("SELECT 1 FROM payments WHERE merchant_id = ?", m.id()).size());
        // Pagadito's webhooks are not accepted (return page and polling settle every payment).
        RestAssured.given().contentType("application/json").body("{\"id\":\"evt\"}").post("/webhooks/pagadito")
                .then().statusCode(401);
        // No flow: redirect, Pagadito's only one.
        m.api().body(body(2000, null, "")).post("/api/v1/payments").then().statusCode(201)
                .body("next_action.type", equalTo("redirect_to_url"));
    }

    @Test
    void aMerchantsOwnAccountIsUsedRotatableAndItsReturnPageRefusesOtherMerchants() {
        var a = Providers.routingTo("pagadito");
        var b = Providers.routingTo("pagadito");
        String uid = "shop_" + Long.toString(System.nanoTime(), 36);
        sandbox.register(uid, "right-wsk", "/pagadito/return/" + a.id() + "?token={value}&ern={ern_value}");
        a.api().body("{\"uid\":\"" + uid + "\",\"wsk\":\"wrong-wsk\"}").put("/api/v1/providers/pagadito/credentials")
                .then().statusCode(200);

        // Bad credentials: Pagadito refuses connect, nothing was registered, the payment fails.
        String refusedId = a.api().body(body(1000, "redirect", "")).post("/api/v1/payments").then().statusCode(503)
                .extract().jsonPath().getString("payment_id");
        JsonPath refused = read(a, refusedId);
        assertEquals("failed", refused.getString("status"));
        assertTrue(refused.getString("error_description").contains("PG3001"), refused.getString("error_description"));
        assertEquals(0, sandbox.registered(uid, refusedId));

        // Rotated: the next payment goes through the merchant's account.
        a.api().body("{\"uid\":\"" + uid + "\",\"wsk\":\"right-wsk\"}").put("/api/v1/providers/pagadito/credentials")
                .then().statusCode(200);
        String listing = a.api().get("/api/v1/providers").then().statusCode(200).extract().asString();
        assertFalse(listing.contains("right-wsk"), "never a secret in the listing");
        assertTrue(listing.contains("\"pagadito\""));
        JsonPath p = pay(a, 1800, 201);
        String id = p.getString("id");
        assertEquals(1, sandbox.registered(uid, id));
        assertTrue(p.getString("next_action.return_url").endsWith("/pagadito/return/" + a.id()));
        String back = press(p.getString("next_action.url"), "pay");
        assertTrue(back.contains("/pagadito/return/" + a.id() + "?token="), back);

        // The same token and ERN at another merchant's or the platform's return page: not found, nothing moves.
        String query = back.substring(back.indexOf('?'));
        RestAssured.given().get("/pagadito/return/" + b.id() + query).then().statusCode(404);
        RestAssured.given().get("/pagadito/return" + query).then().statusCode(404);
        RestAssured.given().get("/pagadito/return/" + a.id() + "?token=someoneelsestoken&ern=" + id).then().statusCode(404);
        assertEquals("requires_action", read(a, id).getString("status"));

        RestAssured.given().get(back).then().statusCode(200).body(containsString("Payment status: captured"));
        assertEquals("captured", read(a, id).getString("status"));
    }

    @Test
    void aLostExecTransAnswerFailsThePaymentAndARetryReplaysIt() {
        var m = Providers.routingTo("pagadito");
        sandbox.update(PagaditoSandboxSettings.losing(1.0, "timeout", "exec_trans"));
        String key = "pagadito-lost-" + Long.toString(System.nanoTime(), 36);
        Response first = m.api().header("Idempotency-Key", key).body(body(2700, "redirect", ""))
                .post("/api/v1/payments");
        assertEquals(402, first.statusCode(), first.asString());
        assertEquals("provider_timeout", first.jsonPath().getString("provider_error_code"));
        String id = first.jsonPath().getString("payment_id");
        // Pagadito registered the ERN, but its payer URL was in the lost answer: nobody can pay it.
        assertEquals(1, sandbox.registered(sandbox.sandboxUid(), id));
        assertEquals("REGISTERED", sandbox.byErn(null, id).status());
        JsonPath failed = read(m, id);
        assertEquals("failed", failed.getString("status"));
        assertEquals(List.of("authorize"), failed.getList("attempts.operation"));
        sandbox.resetSettings();

        Response again = m.api().header("Idempotency-Key", key).body(body(2700, "redirect", ""))
                .post("/api/v1/payments");
        assertEquals(402, again.statusCode());
        assertEquals(id, again.jsonPath().getString("payment_id"), "the same payment, replayed");
        assertEquals(1, sandbox.registered(sandbox.sandboxUid(), id), "no second Pagadito transaction");
        assertEquals(List.of("authorize"), read(m, id).getList("attempts.operation"));
    }

    @Test
    void aRetryWithTheSameKeyReplaysThePaymentAndItsOnePayerUrl() {
        var m = Providers.routingTo("pagadito");
        String key = "pagadito-replay-" + Long.toString(System.nanoTime(), 36);
        JsonPath first = m.api().header("Idempotency-Key", key).body(body(3300, "redirect", ""))
                .post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
        JsonPath again = m.api().header("Idempotency-Key", key).body(body(3300, "redirect", ""))
                .post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
        assertEquals(first.getString("id"), again.getString("id"));
        assertEquals(first.getString("next_action.url"), again.getString("next_action.url"));
        assertEquals(1, sandbox.registered(sandbox.sandboxUid(), first.getString("id")));
        assertEquals(1, read(m, first.getString("id")).getList("attempts").size());
    }

    /**
     * The process died between exec_trans and storing its answer: the payment is processing without a
     * token, its attempt in flight. A same-key retry resends the attempt with the same ERN, which
     * Pagadito does not register twice (the payment stays processing, 503); the reconciler, which cannot
     * ask Pagadito by ERN and knows no payer was ever sent there, fails it. One Pagadito transaction, unpaid.
     */
    @Test
    void aCrashDuringExecTransNeverLeadsToASecondPagaditoTransaction() throws Exception {
        var m = Providers.routingTo("pagadito");
        String key = "pagadito-crash-" + Long.toString(System.nanoTime(), 36);
        String id = m.api().header("Idempotency-Key", key).body(body(2900, "redirect", "")).post("/api/v1/payments")
                .then().statusCode(201).extract().path("id");
        Db.update("UPDATE payment_attempts SET outcome = 'in_flight', provider_reference = NULL, latency_ms = NULL "
                + "WHERE payment_id = ? AND operation = 'authorize'", id);
        StoredResponses.lose(m.id(), key);
        Db.update("UPDATE payments SET status = 'processing', provider_reference = NULL, next_action = NULL, "
                + "version = version + 1, reconcile_attempts = 0, reconcile_after = now() + interval '1 hour' "
                + "WHERE id = ? AND merchant_id = ?", id, m.id());

        m.api().header("Idempotency-Key", key).body(body(2900, "redirect", "")).post("/api/v1/payments").then()
                .statusCode(503).body("payment_id", equalTo(id)).body("payment_status", equalTo("processing"));
        assertEquals(1, sandbox.registered(sandbox.sandboxUid(), id), "the ERN is registered once");

        Db.update("UPDATE payments SET created_at = now() - interval '1 minute', reconcile_after = now() "
                + "WHERE id = ? AND merchant_id = ?", id, m.id());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(read(m, id).getString("status")));
        assertEquals(1, sandbox.registered(sandbox.sandboxUid(), id));
        assertEquals("REGISTERED", sandbox.byErn(null, id).status(), "nobody was sent to pay it");
    }
}
