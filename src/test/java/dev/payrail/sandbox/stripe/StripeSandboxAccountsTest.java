package dev.payrail.sandbox.stripe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The Stripe emulator keeps accounts apart as Stripe does: one secret key's PaymentIntents do not
 * exist for another key, and an account's events go to the webhook endpoints that account created
 * ({@code POST /v1/webhook_endpoints}, each signed with its own secret) — so a merchant with its own
 * Stripe account gets its events at {@code /webhooks/stripe/{merchantId}}, verified with the secret
 * Stripe gave it.
 */
@QuarkusTest
class StripeSandboxAccountsTest {

    private static String key(String name) {
        return "sk_test_" + name + "_" + Long.toString(System.nanoTime(), 36);
    }

    private static RequestSpecification stripe(String key) {
        return given().header("Authorization", "Bearer " + key).contentType("application/x-www-form-urlencoded");
    }

    @Test
    void oneAccountsPaymentIntentsDoNotExistForAnother() {
        String mine = key("mine");
        String theirs = key("theirs");
        String pi = stripe(mine).formParam("amount", "1500").formParam("currency", "usd")
                .formParam("payment_method", "pm_card_visa").formParam("confirm", "true")
                .formParam("capture_method", "manual").formParam("metadata[payrail_payment_id]", "pay_acct1")
                .post("/sandbox/stripe/v1/payment_intents").then().statusCode(200)
                .body("status", equalTo("requires_capture")).extract().path("id");

        stripe(theirs).get("/sandbox/stripe/v1/payment_intents/" + pi).then().statusCode(404)
                .body("error.code", equalTo("resource_missing"));
        stripe(theirs).post("/sandbox/stripe/v1/payment_intents/" + pi + "/capture").then().statusCode(404);
        stripe(theirs).post("/sandbox/stripe/v1/payment_intents/" + pi + "/cancel").then().statusCode(404);
        stripe(theirs).queryParam("query", "metadata['payrail_payment_id']:'pay_acct1'")
                .get("/sandbox/stripe/v1/payment_intents/search").then().statusCode(200).body("data", hasSize(0));

        stripe(mine).get("/sandbox/stripe/v1/payment_intents/" + pi).then().statusCode(200)
                .body("status", equalTo("requires_capture"));
        stripe(mine).queryParam("query", "metadata['payrail_payment_id']:'pay_acct1'")
                .get("/sandbox/stripe/v1/payment_intents/search").then().statusCode(200).body("data", hasSize(1));
    }

    @Test
    void webhookEndpointsBelongToTheirAccountAndShowTheirSecretOnce() {
        String mine = key("endpoints");
        String created = stripe(mine).formParam("url", "https://shop.example/hooks")
                .formParam("enabled_events[]", "payment_intent.succeeded")
                .formParam("enabled_events[]", "charge.refunded")
                .post("/sandbox/stripe/v1/webhook_endpoints").then().statusCode(200)
                .body("object", equalTo("webhook_endpoint")).body("secret", startsWith("whsec_"))
                .body("enabled_events", equalTo(List.of("payment_intent.succeeded", "charge.refunded")))
                .extract().path("id");
        stripe(mine).get("/sandbox/stripe/v1/webhook_endpoints").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].id", equalTo(created)).body("data[0].secret", nullValue());
        stripe(key("other")).get("/sandbox/stripe/v1/webhook_endpoints").then().statusCode(200).body("data", hasSize(0));
        stripe(key("other")).delete("/sandbox/stripe/v1/webhook_endpoints/" + created).then().statusCode(404);
        stripe(mine).formParam("url", "https://shop.example/hooks").post("/sandbox/stripe/v1/webhook_endpoints").then()
                .statusCode(400).body("error.param", equalTo("enabled_events"));
        stripe(mine).delete("/sandbox/stripe/v1/webhook_endpoints/" + created).then().statusCode(200)
                .body("deleted", equalTo(true));
        stripe(mine).get("/sandbox/stripe/v1/webhook_endpoints").then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void aMerchantsOwnAccountGetsItsEventsAtItsOwnEndpointVerifiedWithItsOwnSecret() {
        Providers.Merchant m = Providers.routingTo("stripe");
        String key = key("merchant");
        String secret = stripe(key)
                .formParam("url", "http://localhost:" + RestAssured.port + "/webhooks/stripe/" + m.id())
                .formParam("enabled_events[0]", "*")
                .post("/sandbox/stripe/v1/webhook_endpoints").then().statusCode(200).extract().path("secret");
        m.api().body("{\"secret_key\":\"" + key + "\",\"webhook_secret\":\"" + secret + "\"}")
                .put("/api/v1/providers/stripe/credentials").then().statusCode(200);

        String id = m.api().body(Bodies.cardPayment(2100, "USD", "4242424242424242", "manual")).post("/api/v1/payments")
                .then().statusCode(201).body("status", equalTo("authorized")).extract().path("id");
        String pi = (String) Db.one("SELECT provider_reference FROM payments WHERE id = ?", id).get("provider_reference");
        m.api().body("{}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> events = Db.query("SELECT event_type, account, status FROM provider_events "
                    + "WHERE provider = 'stripe' AND provider_reference = ? ORDER BY received_at", pi);
            assertEquals(List.of("payment_intent.amount_capturable_updated", "payment_intent.succeeded"),
                    events.stream().map(e -> e.get("event_type")).toList(), events.toString());
            assertEquals(List.of(m.id(), m.id()), events.stream().map(e -> e.get("account")).toList(),
                    "verified with the merchant's own secret at the merchant's endpoint");
        });
    }
}
