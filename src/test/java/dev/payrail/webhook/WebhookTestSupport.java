package dev.payrail.webhook;

import static org.hamcrest.Matchers.equalTo;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import io.restassured.specification.RequestSpecification;

/** A merchant with a webhook endpoint, and verification with the official Standard Webhooks library. */
final class WebhookTestSupport {

    /** A fresh merchant: credentials, id and its (plaintext) webhook secret. */
    record Shop(String key, String secret, String id, String webhookSecret) {
        RequestSpecification api() {
            return Api.as(key, secret);
        }
    }

    private WebhookTestSupport() {
    }

    static Shop newShop() {
        var body = Api.admin().body("{\"name\":\"Hooks " + Long.toString(System.nanoTime(), 36) + "\",\"email\":\"hooks@example.com\"}")
                .post("/admin/v1/merchants").then().statusCode(201).extract().jsonPath();
        return new Shop(body.getString("api_key"), body.getString("api_secret"), body.getString("merchant.id"),
                body.getString("webhook_secret"));
    }

    static void endpoint(Shop shop, String url) {
        shop.api().body(Map.of("url", url)).put("/api/v1/webhook-endpoint").then().statusCode(200)
                .body("url", equalTo(url)).body("enabled", equalTo(true));
    }

    /** Verifies with com.standardwebhooks.Webhook; throws WebhookVerificationException when it fails. */
    static void verify(String secret, WebhookReceiver.Received r) throws Exception {
        verify(secret, r.body(), r.header("webhook-id"), r.header("webhook-timestamp"), r.header("webhook-signature"));
    }

    static void verify(String secret, String body, String id, String timestamp, String signature) throws Exception {
        HttpHeaders headers = HttpHeaders.of(Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(timestamp),
                "webhook-signature", List.of(signature)), (a, b) -> true);
        new Webhook(secret).verify(body, headers);
    }

    static String payment(Shop shop, String capture) {
        return shop.api().body(Bodies.cardPayment(1500, "EUR", "4242424242424242", capture))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
    }
}
