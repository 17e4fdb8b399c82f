package dev.payrail.checkout;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.payrail.support.Api;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Merchants with checkout settings and orders, made through the API like a merchant would. */
final class CheckoutFixtures {

    /** A test-mode merchant: API key and secret, id, publishable key, webhook signing secret. */
    record Shop(String key, String secret, String id, String publishableKey, String webhookSecret) {

        RequestSpecification api() {
            return Api.as(key, secret);
        }

        RequestSpecification checkout() {
            return given().header("X-Publishable-Key", publishableKey).contentType(ContentType.JSON);
        }

        String order(long amount, String currency) {
            return api().body("{\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}").post("/api/v1/orders")
                    .then().statusCode(201).extract().path("id");
        }

        JsonPath payment(String paymentId) {
            return api().get("/api/v1/payments/" + paymentId).then().statusCode(200).extract().jsonPath();
        }

        /** The hosted page of an order. */
        String pageUrl(String base, String orderId) {
            return base + "/checkout?order_id=" + orderId;
        }
    }

    private CheckoutFixtures() {
    }

    static Shop shop(String... allowedOrigins) {
        JsonPath created = Api.admin()
                .body("{\"name\":\"Shop " + Long.toString(System.nanoTime(), 36) + "\",\"email\":\"shop@example.com\"}")
                .post("/admin/v1/merchants").then().statusCode(201).extract().jsonPath();
        String key = created.getString("api_key");
        String secret = created.getString("api_secret");
        String pk = Api.as(key, secret).get("/api/v1/merchant").then().statusCode(200).extract().path("publishable_key");
        if (allowedOrigins.length > 0) {
            Api.as(key, secret).body(java.util.Map.of("allowed_origins", List.of(allowedOrigins)))
                    .put("/api/v1/merchant/checkout_settings").then().statusCode(200);
        }
        return new Shop(key, secret, created.getString("merchant.id"), pk, created.getString("webhook_secret"));
    }

    /** The card numbers the browser tests type never reach Payrail's log (target/quarkus.log under tests). */
    static void assertNoCardNumberLogged() throws java.io.IOException {
        java.nio.file.Path log = java.nio.file.Path.of("target/quarkus.log");
        if (!java.nio.file.Files.exists(log)) {
            return;
        }
        String text = java.nio.file.Files.readString(log);
        for (String pan : List.of("4242424242424242", "4000000000000002", "4000002500003155", "4242 4242 4242 4242",
                "4000 0000 0000 0002", "4000 0025 0000 3155")) {
            if (text.contains(pan)) {
                throw new AssertionError("a card number reached the log: " + pan.substring(0, 4) + "…");
            }
        }
    }

    /** What a merchant's server does with a success callback: recompute the signature (README "Checkout"). */
    static String expectedSignature(String webhookSecret, String orderId, String paymentId) throws Exception {
        byte[] key = Base64.getDecoder().decode(webhookSecret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((orderId + "|" + paymentId).getBytes(StandardCharsets.UTF_8)));
    }
}
