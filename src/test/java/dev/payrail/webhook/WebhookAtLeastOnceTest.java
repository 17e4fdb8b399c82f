package dev.payrail.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookAtLeastOnceTest {

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookDeliveryStore store;

    @Test
    void aThousandEventsSurviveADispatcherRestartAndACrashedClaimer() throws Exception {
        var shop = WebhookTestSupport.newShop();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookTestSupport.endpoint(shop, receiver.url("/bulk"));
            String prefix = "evt_" + Long.toString(System.nanoTime(), 36);
            Db.update("""
                    INSERT INTO events (id, merchant_id, type, object_id, payload, created_at)
                    SELECT ? || lpad(i::text, 4, '0'), ?, 'payment.captured', 'pay_bulk' || i,
                           jsonb_build_object('id', 'pay_bulk' || i, 'version', 2), now()
                      FROM generate_series(1, 1000) AS i""", prefix, shop.id());

            await().atMost(Duration.ofSeconds(120)).until(() -> receiver.requests.size() >= 300);
            dispatcher.pause();
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.inFlight() == 0);
            // A second dispatcher claims a batch and dies before delivering: its lease must run out.
            var lost = store.claim(100, Duration.ofSeconds(2), 1000, 5).await().atMost(Duration.ofSeconds(30));
            assertTrue(lost.size() > 0);
            dispatcher.resume();

            await().atMost(Duration.ofSeconds(180)).until(() -> ((Number) Db.one(
                    "SELECT count(*) AS n FROM events WHERE merchant_id = ? AND delivery_status = 'delivered'", shop.id())
                    .get("n")).intValue() == 1000);
            ObjectMapper json = new ObjectMapper();
            Set<String> ids = new HashSet<>();
            for (var r : receiver.requests) {
                String id = r.header("webhook-id");
                assertEquals(id, json.readTree(r.body()).get("id").asText(), "a duplicate carries the same webhook-id");
                WebhookTestSupport.verify(shop.webhookSecret(), r);
                ids.add(id);
            }
            assertEquals(1000, ids.size(), "every event delivered at least once");
            assertTrue(ids.stream().allMatch(id -> id.startsWith(prefix)));
        } finally {
            dispatcher.resume();
        }
    }
}
