package dev.payrail.refund;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RefundTest {

    private static String capturedPayment(long amount, String currency) {
        return Api.seeded().body(Bodies.cardPayment(amount, currency, "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
    }

    @Test
    void partialCaptureThenPartialRefundsUpToTheCapturedAmount() {
        String id = Api.seeded().body(Bodies.cardPayment(10000, "USD", "4242424242424242", "manual"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        Api.seeded().body("{\"amount\":8000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200);

        JsonPath first = Api.seeded().body("{\"amount\":3000,\"reason\":\"damaged\"}")
                .post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("status", equalTo("processed")).body("amount", equalTo(3000)).body("reason", equalTo("damaged"))
                .body("payment_id", equalTo(id)).body("currency", equalTo("USD"))
                .extract().jsonPath();
        assertTrue(first.getString("id").matches("rfnd_[0-9A-Za-z]{14}"));
        Api.seeded().get("/api/v1/payments/" + id).then()
                .body("status", equalTo("partially_refunded")).body("amount_refunded", equalTo(3000));

        Api.seeded().body("{\"amount\":6000}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(400)
                .body("param", equalTo("amount"));
        // no amount: the rest
        Api.seeded().body("{}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("amount", equalTo(5000));
        Api.seeded().get("/api/v1/payments/" + id).then()
                .body("status", equalTo("refunded")).body("amount_refunded", equalTo(8000));
        Api.seeded().body("{\"amount\":1}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(409)
                .body("code", equalTo("INVALID_STATE")).body("current_status", equalTo("refunded"));

        List<Integer> amounts = Api.seeded().get("/api/v1/payments/" + id + "/refunds").then().statusCode(200)
                .extract().jsonPath().getList("data.amount");
        assertEquals(List.of(5000, 3000), amounts);
        Api.seeded().get("/api/v1/refunds/" + first.getString("id")).then().statusCode(200)
                .body("amount", equalTo(3000));

        List<String> types = Db.query("SELECT type FROM events WHERE object_id IN (?, ?) ORDER BY created_at, id",
                first.getString("id"), id).stream().map(r -> (String) r.get("type")).toList();
        assertTrue(types.containsAll(List.of("refund.created", "refund.processed", "payment.partially_refunded")), types.toString());
    }

    @Test
    void invalidRefundAmountsAreRejected() {
        String id = capturedPayment(500, "USD");
        for (String body : List.of("{\"amount\":0}", "{\"amount\":-5}", "{\"amount\":1.5}", "{\"amount\":\"100\"}",
                "{\"amount\":1e2}")) {
            Api.seeded().body(body).post("/api/v1/payments/" + id + "/refunds").then().statusCode(400)
                    .contentType("application/problem+json").body("param", equalTo("amount"));
        }
        Api.seeded().body("{\"amount\":100,\"reason\":\"\"}").post("/api/v1/payments/" + id + "/refunds").then()
                .statusCode(400).body("param", equalTo("reason"));
        Api.seeded().body("{\"amount\":100,\"status\":\"processed\"}").post("/api/v1/payments/" + id + "/refunds")
                .then().statusCode(400).body("param", equalTo("status"));
        assertEquals(0L, Db.one("SELECT count(*) AS n FROM refunds WHERE payment_id = ?", id).get("n"));
    }

    @Test
    void fiftyConcurrentRefundsNeverExceedTheCapture() throws Exception {
        String id = capturedPayment(1000, "USD");
        ExecutorService pool = Executors.newFixedThreadPool(25);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> Api.seeded().body("{\"amount\":30}").post("/api/v1/payments/" + id + "/refunds").statusCode());
        }
        int ok = 0;
        for (Future<Integer> f : pool.invokeAll(calls)) {
            int status = f.get();
            assertTrue(status == 201 || status == 400 || status == 409, "unexpected " + status);
            ok += status == 201 ? 1 : 0;
        }
        pool.shutdown();
        long sum = ((Number) Db.one("SELECT coalesce(sum(amount), 0) AS s FROM refunds WHERE payment_id = ? "
                + "AND status <> 'failed'", id).get("s")).longValue();
        long refunded = ((Number) Db.one("SELECT amount_refunded AS r FROM payments WHERE id = ?", id).get("r")).longValue();
        assertEquals(33, ok, "1000 / 30 = 33 refunds fit");
        assertEquals(990, sum);
        assertEquals(sum, refunded);
        Api.seeded().body("{\"amount\":10}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201);
        Api.seeded().get("/api/v1/payments/" + id).then().body("status", equalTo("refunded"));
    }

    @Test
    void theDatabaseItselfRefusesOverRefunding() {
        String id = capturedPayment(100, "USD");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Db.update("UPDATE payments SET amount_refunded = 101 WHERE id = ?", id));
    }

    @Test
    void unknownRefundIsNotFound() {
        Api.seeded().get("/api/v1/refunds/rfnd_00000000000000").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND_ERROR"));
        Api.seeded().body("{}").post("/api/v1/payments/pay_00000000000000/refunds").then().statusCode(404);
    }
}
