package dev.payrail.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.support.Bodies;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The billing events reach the merchant's webhook endpoint like the payment events: subscribed to by
 * type, signed, with the invoice or the subscription as {@code data}.
 */
@QuarkusTest
class BillingWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
    }

    @Test
    void aSubscriptionChargedAtCreationDeliversItsSubscriptionAndInvoiceEvents() throws Exception {
        var shop = WebhookTestSupport.newShop();
        shop.api().body("{\"enabled\":true,\"priority\":1}").patch("/api/v1/providers/simulator").then().statusCode(200);
        List<String> types = List.of("customer.subscription.created", "invoice.created", "invoice.finalized", "invoice.paid");
        shop.api().body(Map.of("url", receiver.url("/billing"), "enabled_events", types))
                .put("/api/v1/webhook-endpoint").then().statusCode(200);

        String cus = shop.api().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"email\":\"hooks.billing@example.com\"}").post("/api/v1/customers").then().statusCode(201)
                .extract().path("id");
        shop.api().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amount\":100,\"currency\":\"USD\",\"method\":\"card\",\"card\":" + Bodies.card("4242424242424242")
                        + ",\"customer\":\"" + cus + "\",\"save_payment_method\":true}")
                .post("/api/v1/payments").then().statusCode(201);
        String product = shop.api().header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"name\":\"Hooks plan\"}")
                .post("/api/v1/products").then().statusCode(201).extract().path("id");
        String price = shop.api().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"product\":\"" + product + "\",\"unit_amount\":1200,\"currency\":\"USD\","
                        + "\"recurring\":{\"interval\":\"month\"}}")
                .post("/api/v1/prices").then().statusCode(201).extract().path("id");
        var sub = shop.api().header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"}").post("/api/v1/subscriptions").then()
                .statusCode(201).extract().jsonPath();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.size() >= types.size());
        Map<String, JsonNode> byType = new HashMap<>();
        for (var r : receiver.requests) {
            WebhookTestSupport.verify(shop.webhookSecret(), r);
            JsonNode body = JSON.readTree(r.body());
            byType.put(body.get("type").asText(), body.get("data"));
        }
        assertEquals(types.size(), receiver.requests.size(), "one delivery per subscribed event, no payment.* event");
        assertEquals(new java.util.TreeSet<>(types), new java.util.TreeSet<>(byType.keySet()));
        assertEquals(sub.getString("id"), byType.get("customer.subscription.created").get("id").asText());
        assertEquals("subscription", byType.get("customer.subscription.created").get("object").asText());
        JsonNode paid = byType.get("invoice.paid");
        assertEquals(sub.getString("latest_invoice"), paid.get("id").asText());
        assertEquals("paid", paid.get("status").asText());
        assertEquals(1200, paid.get("amount_paid").asInt());
        assertEquals("draft", byType.get("invoice.created").get("status").asText());
        assertEquals("open", byType.get("invoice.finalized").get("status").asText());
        assertEquals("INV-000001", byType.get("invoice.finalized").get("number").asText());
    }
}
