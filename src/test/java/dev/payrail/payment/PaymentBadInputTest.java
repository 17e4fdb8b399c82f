package dev.payrail.payment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PaymentBadInputTest {

    @Test
    void eachBadPaymentRequestNamesItsFieldAndCreatesNothing() {
        String[] m = Api.newMerchant();
        String card = Bodies.card("4242424242424242");
        String[][] cases = {
                { "{\"amount\":0,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card + "}", "amount" },
                { "{\"amount\":-1,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card + "}", "amount" },
                { "{\"amount\":1.5,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card + "}", "amount" },
                { "{\"amount\":\"150\",\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card + "}", "amount" },
                { "{\"amount\":15e1,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card + "}", "amount" },
                { "{\"amount\":100,\"currency\":\"usd\",\"method\":\"card\",\"card\":" + card + "}", "currency" },
                { "{\"amount\":100,\"currency\":\"ABC\",\"method\":\"card\",\"card\":" + card + "}", "currency" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"cash\"}", "method" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\"}", "card" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card + ",\"upi\":{\"vpa\":\"a@b\"}}", "upi" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"capture\":\"later\",\"card\":" + card + "}", "capture" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"provider\":\"nope\",\"card\":" + card + "}", "provider" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"provider\":\"bank_transfer\",\"card\":" + card + "}", "provider" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"status\":\"captured\",\"card\":" + card + "}", "status" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"amount_refunded\":5,\"card\":" + card + "}", "amount_refunded" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"merchant_id\":\"mer_x\",\"card\":" + card + "}", "merchant_id" },
                { "{\"order_id\":\"order_00000000000000\",\"amount\":100,\"method\":\"card\",\"card\":" + card + "}", "amount" },
                { "{\"method\":\"card\",\"card\":" + card + "}", "order_id" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + Bodies.card("4242424242424241") + "}", "card.number" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card.replace("\"cvc\":\"123\"", "\"cvc\":\"12\"") + "}", "card.cvc" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card.replace("\"expiry_month\":12", "\"expiry_month\":13") + "}", "card.expiry_month" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + card.replace("\"expiry_year\":" + Bodies.EXP_YEAR, "\"expiry_year\":2020") + "}", "card.expiry_year" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"wallet\",\"wallet\":{\"wallet\":\"Bad Wallet!\"}}", "wallet.wallet" },
                { "{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"metadata\":{\"k\":[1]},\"card\":" + card + "}", "metadata.k" },
        };
        for (String[] c : cases) {
            Api.as(m[0], m[1]).body(c[0]).post("/api/v1/payments").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("BAD_REQUEST_ERROR"))
                    .body("param", equalTo(c[1]))
                    .body("detail", not(containsString("4242424242424241")))
                    .body("detail", not(containsString("424242424242")));
        }
        Api.as(m[0], m[1]).get("/api/v1/payments").then().statusCode(200).body("data.size()", equalTo(0));
        Api.as(m[0], m[1]).get("/api/v1/orders").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void unknownOrMalformedOrderIdsAreNotFound() {
        Api.seeded().body(Bodies.cardPaymentForOrder("order_00000000000000", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(404).body("code", equalTo("NOT_FOUND_ERROR"));
        Api.seeded().body(Bodies.cardPaymentForOrder("nonsense", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(404);
    }

    @Test
    void malformedIdempotencyKeyIsRejected() {
        Api.seeded().header("Idempotency-Key", "caf\u00e9-key").body(Bodies.upiPayment(100, "success@upi"))
                .post("/api/v1/payments").then().statusCode(400).body("param", equalTo("Idempotency-Key"));
        Api.seeded().header("Idempotency-Key", "k".repeat(256)).body(Bodies.upiPayment(100, "success@upi"))
                .post("/api/v1/payments").then().statusCode(400);
    }
}
