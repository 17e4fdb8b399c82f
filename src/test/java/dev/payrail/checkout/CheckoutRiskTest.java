package dev.payrail.checkout;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The payer's side of the fraud rules: the checkout endpoints key the IP rules on the payer's own connection,
 * and never show the merchant's reasons, score or decision.
 */
@QuarkusTest
class CheckoutRiskTest {

    private static final String CARD = "{\"method\":\"card\",\"card\":{\"number\":\"4242424242424242\","
            + "\"expiry_month\":12,\"expiry_year\":2034,\"cvc\":\"123\"}}";

    private static String key() {
        return "co-" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void aBlockedPayerIpIsDeclinedWithoutTheReasonsWhichOnlyTheMerchantSees() {
        var shop = CheckoutFixtures.shop();
        shop.api().body("{\"type\":\"ip\",\"value\":\"127.0.0.1\"}").post("/api/v1/risk/blocklist").then()
                .statusCode(201);
        String order = shop.order(2000, "EUR");
        String problem = shop.checkout().header("Idempotency-Key", key()).body(CARD)
                .post("/v1/checkout/orders/" + order + "/payments").then().statusCode(402)
                .contentType("application/problem+json").body("decline_code", equalTo("fraudulent"))
                .body("$", not(org.hamcrest.Matchers.hasKey("risk"))).extract().asString();
        assertFalse(problem.contains("block list") || problem.contains("blocklist") || problem.contains("score")
                || problem.contains("127.0.0.1"), problem);
        String paymentId = io.restassured.path.json.JsonPath.from(problem).getString("payment_id");
        String view = shop.checkout().get("/v1/checkout/orders/" + order + "/payments/" + paymentId).then()
                .statusCode(200).body("outcome", equalTo("failed")).body("$", not(org.hamcrest.Matchers.hasKey("risk")))
                .extract().asString();
        assertFalse(view.contains("block list") || view.contains("reasons") || view.contains("score"), view);
        String orderView = shop.checkout().get("/v1/checkout/orders/" + order).then().statusCode(200).extract().asString();
        assertFalse(orderView.contains("block list") || orderView.contains("reasons"), orderView);

        var merchantView = shop.payment(paymentId);
        assertEquals("block", merchantView.getString("risk.decision"));
        assertEquals("blocklist", merchantView.getString("risk.reasons[0].rule"));
        assertEquals("ip", merchantView.getString("risk.reasons[0].detail").split(" ")[0]);
    }

    @Test
    void ipVelocityCountsThePayersConnectionOnPublicEndpointsOnly() {
        var shop = CheckoutFixtures.shop();
        shop.api().body("{\"review_threshold\":30,\"ip_velocity\":{\"limit\":1,\"points\":30}}")
                .put("/api/v1/merchant/risk_settings").then().statusCode(200);
        // the merchant's own server is not a payer: no IP rule on the merchant API
        for (int i = 0; i < 2; i++) {
            shop.api().body(dev.payrail.support.Bodies.cardPayment(1000, "EUR", "4242424242424242", "automatic"))
                    .post("/api/v1/payments").then().statusCode(201).body("risk.decision", equalTo("allow"));
        }
        String first = shop.order(1000, "EUR");
        shop.checkout().header("Idempotency-Key", key()).body(CARD).post("/v1/checkout/orders/" + first + "/payments")
                .then().statusCode(201).body("$", not(org.hamcrest.Matchers.hasKey("risk")));
        String second = shop.order(1000, "EUR");
        String id = shop.checkout().header("Idempotency-Key", key()).body(CARD)
                .post("/v1/checkout/orders/" + second + "/payments").then().statusCode(201)
                .body("$", not(org.hamcrest.Matchers.hasKey("risk"))).extract().path("id");
        var p = shop.payment(id);
        assertEquals("review", p.getString("risk.decision"));
        assertEquals("velocity_ip", p.getString("risk.reasons[0].rule"));
        assertEquals("authorized", p.getString("status"));
    }
}
