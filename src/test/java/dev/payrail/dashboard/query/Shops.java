package dev.payrail.dashboard.query;

import java.time.Duration;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import io.restassured.specification.RequestSpecification;

/** Fresh merchants made through the admin API, and their payments made through the payments API. */
final class Shops {

    static final Duration WAIT = Duration.ofSeconds(20);

    record Shop(String key, String secret, String id) {
        RequestSpecification api() {
            return Api.as(key, secret);
        }

        /** A card payment through the API; its id. */
        String pay(long amount, String currency, String pan, String capture) {
            return api().body(Bodies.cardPayment(amount, currency, pan, capture)).post("/api/v1/payments").then()
                    .statusCode(201).extract().path("id");
        }

        String pay(long amount, String currency) {
            return pay(amount, currency, "4242424242424242", "automatic");
        }

        /** A payment the provider declines (402 with the failed payment's id). */
        String declined(long amount, String currency) {
            return api().body(Bodies.cardPayment(amount, currency, "4000000000000002", "automatic"))
                    .post("/api/v1/payments").then().statusCode(402).extract().path("payment_id");
        }
    }

    private Shops() {
    }

    static Shop create() {
        String[] m = Api.newMerchant();
        return new Shop(m[0], m[1], m[2]);
    }
}
