package dev.payrail.risk;

import java.util.List;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A fresh merchant per test (the rules count per merchant), its settings and its payments. */
final class RiskFixtures {

    static final String VISA = "4242424242424242";
    static final String MASTERCARD = "5555555555554444";
    private static final java.util.Map<String, String> CUSTOMERS = new java.util.concurrent.ConcurrentHashMap<>();

    private RiskFixtures() {
    }

    record Shop(String key, String secret, String id) {

        RequestSpecification api() {
            return Api.as(key, secret);
        }

        void settings(String json) {
            api().body(json).put("/api/v1/merchant/risk_settings").then().statusCode(200);
        }

        Response pay(String body) {
            return api().body(body).post("/api/v1/payments");
        }

        JsonPath payment(String id) {
            return api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
        }

        /**
         * {@code "customer":"<id>"} for this shop's customer named {@code alias}, created through the API the
         * first time (a payment naming an unknown customer is a 404).
         */
        String customer(String alias) {
            String id = CUSTOMERS.computeIfAbsent(this.id + "/" + alias, k -> api()
                    .body("{\"name\":\"" + alias + "\"}").post("/api/v1/customers").then().statusCode(201)
                    .extract().path("id"));
            return "\"customer\":\"" + id + "\"";
        }

        String block(String type, String value) {
            return api().body("{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}").post("/api/v1/risk/blocklist")
                    .then().statusCode(201).extract().path("id");
        }
    }

    static Shop shop() {
        String[] m = Api.newMerchant();
        return new Shop(m[0], m[1], m[2]);
    }

    static String card(long amount, String currency, String pan, String capture) {
        return Bodies.cardPayment(amount, currency, pan, capture);
    }

    /** A one-step card payment with extra top-level fields (e.g. {@code "customer":"cus_1"}). */
    static String card(long amount, String currency, String pan, String capture, String extra) {
        String body = Bodies.cardPayment(amount, currency, pan, capture);
        return body.substring(0, body.length() - 1) + "," + extra + "}";
    }

    static List<String> eventTypes(String paymentId) {
        return Db.query("SELECT type FROM events WHERE object_id = ? ORDER BY created_at, id", paymentId).stream()
                .map(r -> (String) r.get("type")).toList();
    }
}
