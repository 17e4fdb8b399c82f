package dev.payrail.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every attempt stores what it sent and got back (V18): request headers with the Standard Webhooks
 * headers, the body as signed, the response headers; the stored signature verifies with the
 * endpoint's secret, and the secret itself is stored nowhere in the row.
 */
@QuarkusTest
class WebhookExchangeTest {

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
    void everyAttemptStoresItsSignedRequestAndTheResponseHeaders() throws Exception {
        receiver.answer(r -> new WebhookReceiver.Answer(500, Map.of("X-Receiver", "broke")));
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/hooks"));
        WebhookTestSupport.payment(shop, "automatic");

        List<Map<String, Object>> rows = await().atMost(Duration.ofSeconds(30)).until(() -> Db.query(
                "SELECT event_id, status, request_headers::text AS h, request_body, response_headers, response_status"
                        + " FROM webhook_deliveries WHERE merchant_id = ? ORDER BY created_at", shop.id()),
                l -> !l.isEmpty());
        for (Map<String, Object> row : rows) {
            assertEquals("failed", row.get("status"));
            assertEquals(500, row.get("response_status"));
            JsonNode h = JSON.readTree((String) row.get("h"));
            String id = h.get("webhook-id").asText();
            assertEquals(row.get("event_id"), id);
            assertEquals("application/json", h.get("content-type").asText());
            String body = (String) row.get("request_body");
            // The stored signature verifies with the endpoint's secret over the stored body.
            WebhookTestSupport.verify(shop.webhookSecret(), body, id, h.get("webhook-timestamp").asText(),
                    h.get("webhook-signature").asText());
            // What was stored is what the receiver got.
            var received = receiver.forEvent(id);
            assertFalse(received.isEmpty());
            assertTrue(received.stream().anyMatch(r -> r.body().equals(body)
                    && r.header("webhook-signature").equals(h.get("webhook-signature").asText())));
            String responseHeaders = (String) row.get("response_headers");
            assertNotNull(responseHeaders);
            assertTrue(responseHeaders.contains("x-receiver: broke"), responseHeaders);
            String secretKey = shop.webhookSecret().substring(WebhookSigner.SECRET_PREFIX.length());
            assertFalse(row.get("h").toString().contains(secretKey) || body.contains(secretKey)
                    || responseHeaders.contains(secretKey), "the secret is never stored");
        }
    }
}
