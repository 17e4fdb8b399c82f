package dev.payrail.risk;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A payment held for review waits for the merchant: approve captures it, reject voids it, both close the review. */
@QuarkusTest
class PaymentReviewTest {

    /** A shop whose second payment with the same card is held for review, and that payment's id. */
    private static String inReview(RiskFixtures.Shop shop, long amount) {
        shop.settings("{\"review_threshold\":40,\"card_velocity\":{\"limit\":1,\"points\":40}}");
        String body = RiskFixtures.card(amount, "USD", RiskFixtures.VISA, "automatic");
        shop.pay(body).then().statusCode(201);
        return shop.pay(body).then().statusCode(201).body("risk.decision", equalTo("review"))
                .body("status", equalTo("authorized")).extract().path("id");
    }

    @Test
    void approveCapturesClosesTheReviewAndIsIdempotent() {
        var shop = RiskFixtures.shop();
        String id = inReview(shop, 3100);
        String key = "approve-" + System.nanoTime();
        shop.api().header("Idempotency-Key", key).post("/api/v1/payments/" + id + "/review/approve").then()
                .statusCode(200).body("status", equalTo("captured")).body("amount_captured", equalTo(3100))
                .body("risk.decision", equalTo("review")).body("risk.review", equalTo("approved"));
        shop.api().header("Idempotency-Key", key).post("/api/v1/payments/" + id + "/review/approve").then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("captured"));
        shop.api().post("/api/v1/payments/" + id + "/review/approve").then().statusCode(200)
                .body("status", equalTo("captured")).body("risk.review", equalTo("approved"));
        shop.api().post("/api/v1/payments/" + id + "/review/reject").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("INVALID_STATE"));
        assertEquals(List.of("payment.created", "payment.authorized", "payment.review_opened", "payment.captured",
                "payment.review_closed"), RiskFixtures.eventTypes(id));
        assertEquals(List.of("authorize", "capture"), shop.payment(id).getList("attempts.operation"));
    }

    @Test
    void rejectVoidsClosesTheReviewAndApproveIsThenRefused() {
        var shop = RiskFixtures.shop();
        String id = inReview(shop, 4200);
        shop.api().post("/api/v1/payments/" + id + "/review/reject").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("risk.review", equalTo("rejected"))
                .body("amount_captured", equalTo(0));
        shop.api().post("/api/v1/payments/" + id + "/review/reject").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        shop.api().post("/api/v1/payments/" + id + "/review/approve").then().statusCode(409)
                .body("code", equalTo("INVALID_STATE"));
        assertEquals(List.of("payment.created", "payment.authorized", "payment.review_opened", "payment.cancelled",
                "payment.review_closed"), RiskFixtures.eventTypes(id));
    }

    @Test
    void aPlainCaptureOrCancelOfAHeldPaymentAnswersItsReview() {
        var shop = RiskFixtures.shop();
        String captured = inReview(shop, 1500);
        shop.api().body("{\"amount\":1000}").post("/api/v1/payments/" + captured + "/capture").then().statusCode(200)
                .body("status", equalTo("captured")).body("amount_captured", equalTo(1000))
                .body("risk.review", equalTo("approved"));
        assertEquals("payment.review_closed", RiskFixtures.eventTypes(captured).getLast());
        String cancelled = shop.pay(RiskFixtures.card(1500, "USD", RiskFixtures.VISA, "automatic")).then()
                .statusCode(201).body("risk.review", equalTo("open")).extract().path("id");
        shop.api().post("/api/v1/payments/" + cancelled + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("risk.review", equalTo("rejected"));
        shop.api().post("/api/v1/payments/" + cancelled + "/review/approve").then().statusCode(409);
    }

    @Test
    void aPaymentNotInReviewOrOfAnotherMerchantCannotBeReviewed() {
        var shop = RiskFixtures.shop();
        String allowed = shop.pay(RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "manual")).then().statusCode(201)
                .body("risk.decision", equalTo("allow")).extract().path("id");
        shop.api().post("/api/v1/payments/" + allowed + "/review/approve").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("INVALID_STATE"));
        shop.api().get("/api/v1/payments/" + allowed).then().body("status", equalTo("authorized"));
        String held = inReview(shop, 1200);
        var other = RiskFixtures.shop();
        other.api().post("/api/v1/payments/" + held + "/review/approve").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND_ERROR"));
        other.api().post("/api/v1/payments/" + held + "/review/reject").then().statusCode(404);
        shop.api().get("/api/v1/payments/" + held).then().body("status", equalTo("authorized"))
                .body("risk.review", equalTo("open"));
    }

    @Test
    void reviewEventsAreTypesMerchantsCanSubscribeTo() {
        var shop = RiskFixtures.shop();
        shop.api().body("{\"enabled_events\":[\"payment.review_opened\",\"payment.review_closed\"]}")
                .put("/api/v1/webhook-endpoint").then().statusCode(200)
                .body("enabled_events", org.hamcrest.Matchers.containsInAnyOrder("payment.review_opened", "payment.review_closed"));
        shop.api().body("{\"enabled_events\":[\"payment.review_maybe\"]}").put("/api/v1/webhook-endpoint").then()
                .statusCode(400);
    }
}
