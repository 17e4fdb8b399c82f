package dev.payrail.webhook;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code POST /api/v1/webhook-endpoint/test}: a {@code webhook.test} event reaches an endpoint that takes
 * other event types only, signed like every event (verified with the Standard Webhooks library), and its
 * attempt is in the delivery log; without an enabled endpoint nothing is written and the answer is 409.
 */
@QuarkusTest
class WebhookTestEventTest {

    private static long testEvents(String merchantId) {
        return ((Number) Db.one("SELECT count(*) AS n FROM events WHERE merchant_id = ? AND type = 'webhook.test'",
                merchantId).get("n")).longValue();
    }

    @Test
    void aTestEventReachesAnEndpointFilteredToOtherTypesSignedAndLogged() throws Exception {
        WebhookTestSupport.Shop shop = WebhookTestSupport.newShop();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            shop.api().body(Map.of("url", receiver.url("/hooks"), "enabled_events", List.of("refund.processed")))
                    .put("/api/v1/webhook-endpoint").then().statusCode(200);
            String eventId = shop.api().post("/api/v1/webhook-endpoint/test").then().statusCode(202)
                    .body("object", equalTo("webhook_test")).body("status", equalTo("pending"))
                    .extract().path("event_id");

            WebhookReceiver.Received r = await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.forEvent(eventId), l -> !l.isEmpty()).get(0);
            WebhookTestSupport.verify(shop.webhookSecret(), r);
            JsonNode body = new ObjectMapper().readTree(r.body());
            assertEquals("webhook.test", body.path("type").asText());
            assertEquals(eventId, body.path("id").asText());
            assertEquals("webhook_test", body.path("data").path("object").asText());
            assertEquals("api", body.path("data").path("source").asText());

            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(
                    Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));
            shop.api().queryParam("event_type", "webhook.test").get("/api/v1/webhook-deliveries").then().statusCode(200)
                    .body("data.size()", equalTo(1)).body("data[0].event_id", equalTo(eventId))
                    .body("data[0].status", equalTo("succeeded")).body("data[0].response_status", equalTo(200))
                    .body("data[0].url", equalTo(receiver.url("/hooks")));

            // the filter still holds for every other event: an authorization is not delivered
            String payment = WebhookTestSupport.payment(shop, "manual");
            assertEquals(List.of("skipped"), Db.query("SELECT delivery_status FROM events WHERE object_id = ?", payment)
                    .stream().map(row -> row.get("delivery_status")).distinct().toList());
        }
    }

    @Test
    void withoutAnEnabledEndpointNothingIsWrittenAnd409() {
        WebhookTestSupport.Shop shop = WebhookTestSupport.newShop();
        shop.api().post("/api/v1/webhook-endpoint/test").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("INVALID_STATE"));
        shop.api().body(Map.of("url", "https://hooks.example.com/shop", "enabled", false))
                .put("/api/v1/webhook-endpoint").then().statusCode(200);
        shop.api().post("/api/v1/webhook-endpoint/test").then().statusCode(409);
        assertEquals(0, testEvents(shop.id()));
    }
}
