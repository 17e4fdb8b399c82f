package dev.payrail.payment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PaymentLifecycleTest {

    private static JsonPath pay(String body, int status) {
        return Api.seeded().body(body).post("/api/v1/payments").then().statusCode(status).extract().jsonPath();
    }

    private static List<String> eventTypes(String paymentId) {
        return Db.query("SELECT type FROM events WHERE object_id = ? ORDER BY created_at, id", paymentId).stream()
                .map(r -> (String) r.get("type")).toList();
    }

    @Test
    void successCardWithAutomaticCaptureIsCapturedAndPaysItsOrder() {
        JsonPath p = pay(Bodies.cardPayment(1999, "USD", "4242424242424242", "automatic"), 201);
        assertTrue(p.getString("id").matches("pay_[0-9A-Za-z]{14}"));
        assertEquals("captured", p.getString("status"));
        assertEquals(1999, p.getLong("amount_captured"));
        assertEquals(0, p.getLong("amount_refunded"));
        assertEquals("visa", p.getString("card.brand"));
        assertEquals("4242", p.getString("card.last4"));
        assertEquals("424242", p.getString("card.bin"));
        assertEquals("simulator", p.getString("provider"));
        assertTrue(p.getString("provider_reference").startsWith("sim_"));
        assertEquals(2, p.getInt("version"));
        Api.seeded().get("/api/v1/orders/" + p.getString("order_id")).then().statusCode(200)
                .body("status", equalTo("paid")).body("amount", equalTo(1999));
        assertEquals(List.of("payment.created", "payment.captured"), eventTypes(p.getString("id")));
    }

    @Test
    void manualCaptureAuthorizesThenPartialCaptureReleasesTheRest() {
        JsonPath p = pay(Bodies.cardPayment(5000, "EUR", "5555555555554444", "manual"), 201);
        String id = p.getString("id");
        assertEquals("authorized", p.getString("status"));
        assertEquals("mastercard", p.getString("card.brand"));
        assertEquals(5000, p.getLong("amount_authorized"));
        Api.seeded().body("{\"amount\":6000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(400)
                .body("param", equalTo("amount"));
        Api.seeded().body("{\"amount\":3000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("status", equalTo("captured")).body("amount_captured", equalTo(3000))
                .body("amount_authorized", equalTo(5000));
        Api.seeded().post("/api/v1/payments/" + id + "/capture").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("INVALID_STATE"))
                .body("current_status", equalTo("captured"));
        assertEquals(List.of("payment.created", "payment.authorized", "payment.captured"), eventTypes(id));
    }

    @Test
    void fullCaptureWithoutBody() {
        String id = pay(Bodies.cardPayment(700, "GBP", "4242424242424242", "manual"), 201).getString("id");
        Api.seeded().post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("amount_captured", equalTo(700));
    }

    @Test
    void cancelVoidsAnAuthorizationAndReopensTheOrder() {
        JsonPath p = pay(Bodies.cardPayment(1200, "USD", "4242424242424242", "manual"), 201);
        String id = p.getString("id");
        Api.seeded().post("/api/v1/payments/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        Api.seeded().post("/api/v1/payments/" + id + "/capture").then().statusCode(409)
                .body("current_status", equalTo("cancelled"));
        Api.seeded().post("/api/v1/payments/" + id + "/cancel").then().statusCode(409);
        Api.seeded().get("/api/v1/orders/" + p.getString("order_id")).then().body("status", equalTo("attempted"));
        // the order can be paid again
        pay(Bodies.cardPaymentForOrder(p.getString("order_id"), "4242424242424242", "automatic"), 201);
        Api.seeded().get("/api/v1/orders/" + p.getString("order_id")).then().body("status", equalTo("paid"));
    }

    @Test
    void illegalTransitionsAreInvalidState() {
        String captured = pay(Bodies.cardPayment(100, "USD", "4242424242424242", "automatic"), 201).getString("id");
        Api.seeded().post("/api/v1/payments/" + captured + "/cancel").then().statusCode(409)
                .body("code", equalTo("INVALID_STATE")).body("current_status", equalTo("captured"))
                .body("detail", equalTo("Cannot cancel a payment in status 'captured'."));
        String failed = Api.seeded().body(Bodies.cardPayment(100, "USD", "4000000000000002", "automatic"))
                .post("/api/v1/payments").then().statusCode(402).extract().path("payment_id");
        Api.seeded().post("/api/v1/payments/" + failed + "/capture").then().statusCode(409)
                .body("current_status", equalTo("failed"));
        Api.seeded().body("{}").post("/api/v1/payments/" + failed + "/refunds").then().statusCode(409)
                .body("current_status", equalTo("failed"));
        String authorized = pay(Bodies.cardPayment(100, "USD", "4242424242424242", "manual"), 201).getString("id");
        Api.seeded().body("{}").post("/api/v1/payments/" + authorized + "/refunds").then().statusCode(409)
                .body("current_status", equalTo("authorized"));
    }

    @Test
    void magicDeclineCardsFailWithTheirDeclineCodes() {
        Map<String, String> cards = Map.of(
                "4000000000000002", "generic_decline",
                "4000000000009995", "insufficient_funds",
                "4000000000000069", "expired_card",
                "4000000000000127", "incorrect_cvc");
        cards.forEach((pan, decline) -> {
            JsonPath problem = Api.seeded().body(Bodies.cardPayment(2500, "USD", pan, "automatic"))
                    .post("/api/v1/payments").then().statusCode(402).contentType("application/problem+json")
                    .body("code", equalTo("PAYMENT_DECLINED"))
                    .body("decline_code", equalTo(decline))
                    .body("payment_status", equalTo("failed"))
                    .extract().jsonPath();
            String id = problem.getString("payment_id");
            Api.seeded().get("/api/v1/payments/" + id).then().statusCode(200)
                    .body("status", equalTo("failed")).body("decline_code", equalTo(decline))
                    .body("error_code", notNullValue()).body("amount_captured", equalTo(0));
            assertEquals(List.of("payment.created", "payment.failed"), eventTypes(id));
        });
    }

    @Test
    void requiresActionCardGoesThroughTheChallengePage() {
        JsonPath p = pay(Bodies.cardPayment(4200, "USD", "4000002500003155", "automatic"), 201);
        assertEquals("requires_action", p.getString("status"));
        assertEquals("redirect_to_url", p.getString("next_action.type"));
        String url = p.getString("next_action.url");
        assertTrue(url.startsWith("http://localhost:" + RestAssured.port + "/simulator/challenge/" + p.getString("id") + "?token="),
                "absolute: " + url);
        String token = url.substring(url.indexOf("token=") + 6);

        RestAssured.given().get(url).then().statusCode(200).contentType("text/html")
                .body(org.hamcrest.Matchers.containsString("42.00 USD"));
        RestAssured.given().get("/simulator/challenge/" + p.getString("id") + "?token=" + "x".repeat(24))
                .then().statusCode(404);
        RestAssured.given().formParam("token", token).formParam("result", "approve")
                .post("/simulator/challenge/" + p.getString("id") + "/complete").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("captured"));
        Api.seeded().get("/api/v1/payments/" + p.getString("id")).then()
                .body("status", equalTo("captured")).body("next_action", nullValue());
        RestAssured.given().formParam("token", token).formParam("result", "approve")
                .post("/simulator/challenge/" + p.getString("id") + "/complete").then().statusCode(404);
        assertEquals(List.of("payment.created", "payment.requires_action", "payment.captured"), eventTypes(p.getString("id")));
    }

    @Test
    void failedChallengeFailsThePayment() {
        JsonPath p = pay(Bodies.cardPayment(4200, "USD", "4000002500003155", "manual"), 201);
        String url = p.getString("next_action.url");
        RestAssured.given().formParam("token", url.substring(url.indexOf("token=") + 6)).formParam("result", "fail")
                .post("/simulator/challenge/" + p.getString("id") + "/complete").then().statusCode(200);
        Api.seeded().get("/api/v1/payments/" + p.getString("id")).then()
                .body("status", equalTo("failed")).body("decline_code", equalTo("authentication_failed"));
    }

    @Test
    void upiMagicVpas() {
        JsonPath ok = pay(Bodies.upiPayment(10000, "success@upi"), 201);
        assertEquals("captured", ok.getString("status"));
        assertEquals("success@upi", ok.getString("upi.vpa"));
        Api.seeded().body(Bodies.upiPayment(10000, "failure@okbank")).post("/api/v1/payments").then().statusCode(402)
                .body("decline_code", notNullValue());
        Api.seeded().body(Bodies.upiPayment(10000, "not a vpa")).post("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("upi.vpa"));
    }

    @Test
    void walletPayment() {
        pay("{\"amount\":900,\"currency\":\"INR\",\"method\":\"wallet\",\"wallet\":{\"wallet\":\"paytm\"}}", 201)
                .getString("wallet.wallet").equals("paytm");
    }

    @Test
    void bankTransferStaysProcessingUntilAnOperatorConfirmsIt() {
        JsonPath p = pay("{\"amount\":150000,\"currency\":\"EUR\",\"method\":\"bank_transfer\"}", 201);
        String id = p.getString("id");
        assertEquals("processing", p.getString("status"));
        assertEquals("bank_transfer", p.getString("provider"));
        assertEquals("display_bank_transfer_instructions", p.getString("next_action.type"));
        assertEquals("1500.00", p.getString("next_action.instructions.amount"));
        assertTrue(p.getString("next_action.instructions.reference").startsWith("PRL-"));
        Api.admin().post("/admin/v1/payments/" + id + "/confirm-bank-transfer").then().statusCode(200)
                .body("status", equalTo("captured")).body("amount_captured", equalTo(150000));
        Api.admin().post("/admin/v1/payments/" + id + "/confirm-bank-transfer").then().statusCode(409);
        Api.seeded().post("/admin/v1/payments/" + id + "/confirm-bank-transfer").then().statusCode(401);
        Api.seeded().get("/api/v1/orders/" + p.getString("order_id")).then().body("status", equalTo("paid"));
    }

    @Test
    void anOrderAcceptsAtMostOneSuccessfulPayment() {
        String orderId = Api.seeded().body(Bodies.order(3000, "USD")).post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        Api.seeded().body(Bodies.cardPaymentForOrder(orderId, "4000000000000002", "automatic")).post("/api/v1/payments")
                .then().statusCode(402);
        JsonPath ok = pay(Bodies.cardPaymentForOrder(orderId, "4242424242424242", "automatic"), 201);
        assertEquals(3000, ok.getLong("amount"));
        assertEquals("USD", ok.getString("currency"));
        Api.seeded().body(Bodies.cardPaymentForOrder(orderId, "4242424242424242", "automatic")).post("/api/v1/payments")
                .then().statusCode(409).body("code", equalTo("INVALID_STATE"));
        List<String> statuses = Api.seeded().get("/api/v1/orders/" + orderId + "/payments").then().statusCode(200)
                .extract().jsonPath().getList("data.status");
        assertEquals(List.of("captured", "failed"), statuses);
        Api.seeded().get("/api/v1/orders/" + orderId).then().body("attempts", equalTo(2)).body("status", equalTo("paid"));
    }

    @Test
    void concurrentPaymentsForOneOrderChargeAtMostOnce() throws Exception {
        String orderId = Api.seeded().body(Bodies.order(3000, "USD")).post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> Api.seeded().body(Bodies.cardPaymentForOrder(orderId, "4242424242424242", "automatic"))
                    .post("/api/v1/payments").statusCode()));
        }
        int created = 0;
        for (var f : results) {
            int s = f.get();
            assertTrue(s == 201 || s == 409 || s == 429, "status " + s);
            created += s == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(1L, Db.one("SELECT count(*) AS n FROM payments WHERE order_id = ? AND status = 'captured'", orderId).get("n"));
    }

    @Test
    void theSixthAttemptOnOneOrderWithinAnHourIsRateLimited() {
        String orderId = Api.seeded().body(Bodies.order(3000, "USD")).post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        for (int i = 0; i < 5; i++) {
            Api.seeded().body(Bodies.cardPaymentForOrder(orderId, "4000000000000002", "automatic"))
                    .post("/api/v1/payments").then().statusCode(402);
        }
        Api.seeded().body(Bodies.cardPaymentForOrder(orderId, "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue());
        assertEquals(5L, Db.one("SELECT count(*) AS n FROM payments WHERE order_id = ?", orderId).get("n"));
    }

    @Test
    void listsAreFilteredAndPaginated() {
        String method = "upi";
        for (int i = 0; i < 3; i++) {
            pay(Bodies.upiPayment(100 + i, "success@upi"), 201);
        }
        JsonPath page1 = Api.seeded().queryParam("limit", 2).queryParam("method", method).get("/api/v1/payments").then()
                .statusCode(200).body("has_more", equalTo(true)).extract().jsonPath();
        List<String> ids = page1.getList("data.id");
        assertEquals(2, ids.size());
        assertTrue(page1.getList("data.method").stream().allMatch(method::equals));
        JsonPath page2 = Api.seeded().queryParam("limit", 2).queryParam("method", method)
                .queryParam("starting_after", ids.get(1)).get("/api/v1/payments").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(page2.getList("data.id").stream().noneMatch(ids::contains));
        Api.seeded().queryParam("status", "failed").queryParam("limit", 100).get("/api/v1/payments").then()
                .statusCode(200).body("data.status", org.hamcrest.Matchers.everyItem(equalTo("failed")));
        Api.seeded().queryParam("created_gte", "2999-01-01T00:00:00Z").get("/api/v1/payments").then()
                .statusCode(200).body("data.size()", equalTo(0));
        Api.seeded().queryParam("provider", "simulator").queryParam("limit", 5).get("/api/v1/payments").then()
                .statusCode(200).body("data.provider", org.hamcrest.Matchers.everyItem(equalTo("simulator")));
        String orderId = page1.getString("data[0].order_id");
        Api.seeded().queryParam("order_id", orderId).get("/api/v1/payments").then().statusCode(200)
                .body("data.size()", equalTo(1)).body("data[0].order_id", equalTo(orderId));
        Api.seeded().queryParam("status", "bogus").get("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("status"));
        Api.seeded().queryParam("created_gte", "yesterday").get("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("created_gte"));
    }

    @Test
    void paymentIdsAndOrderIdsHaveTheirPrefixes() {
        JsonPath p = pay(Bodies.cardPayment(100, "JPY", "4242424242424242", "automatic"), 201);
        org.hamcrest.MatcherAssert.assertThat(p.getString("order_id"), matchesPattern("order_[0-9A-Za-z]{14}"));
        org.hamcrest.MatcherAssert.assertThat(p.getString("object"), startsWith("payment"));
    }

    @Test
    void everyMutatingCallIsAudited() {
        String id = pay(Bodies.cardPayment(300, "USD", "4242424242424242", "manual"), 201).getString("id");
        Api.seeded().post("/api/v1/payments/" + id + "/capture").then().statusCode(200);
        Api.seeded().body("{\"amount\":100}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201);
        List<String> actions = Db.query("SELECT action FROM audit_log WHERE object_id = ? OR object_id IN "
                + "(SELECT id FROM refunds WHERE payment_id = ?) ORDER BY id", id, id).stream()
                .map(r -> (String) r.get("action")).toList();
        assertEquals(List.of("payment.create", "payment.capture", "refund.create"), actions);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Db.update("DELETE FROM audit_log WHERE object_id = ?", id));
    }
}
