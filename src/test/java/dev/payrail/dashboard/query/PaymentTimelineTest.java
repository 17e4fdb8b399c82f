package dev.payrail.dashboard.query;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.query.PaymentTimeline.Entry;
import dev.payrail.dashboard.query.PaymentTimeline.Kind;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PaymentTimelineTest {

    @Inject
    PaymentTimeline timeline;

    HookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new HookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
    }

    private List<Entry> entries(String merchantId, String paymentId) {
        return timeline.of(merchantId, paymentId).await().atMost(Shops.WAIT).entries();
    }

    @Test
    void eventsAttemptsRefundsAndDeliveriesOfOnePaymentInTimeOrder() {
        Shops.Shop shop = Shops.create();
        shop.api().body(Map.of("url", receiver.url("/ok"))).put("/api/v1/webhook-endpoint").then().statusCode(200);
        String id = shop.pay(10000, "USD", "4242424242424242", "manual");
        shop.api().body("{\"amount\":8000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200);
        String refund = shop.api().body("{\"amount\":3000,\"reason\":\"damaged\"}")
                .post("/api/v1/payments/" + id + "/refunds").then().statusCode(201).extract().path("id");
        String other = shop.pay(500, "USD"); // the same merchant's other payment stays out
        long events = (Long) Db.one("SELECT count(*) AS n FROM events WHERE object_id IN (?, ?)", id, refund).get("n");
        await().atMost(Shops.WAIT).until(() -> (Long) Db.one("""
                SELECT count(*) AS n FROM webhook_deliveries WHERE event_id IN (SELECT id FROM events WHERE object_id IN (?, ?))""",
                id, refund).get("n") == events);

        List<Entry> all = entries(shop.id(), id);
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).at().isBefore(all.get(i - 1).at()), "time order at " + i);
        }
        List<Entry> attempts = all.stream().filter(e -> e.kind() == Kind.ATTEMPT).toList();
        assertEquals(List.of("authorize", "capture", "refund"), attempts.stream().map(e -> e.details().get("operation")).toList());
        assertEquals(8000, ((Number) attempts.get(1).details().get("amount")).intValue());
        assertEquals(refund, attempts.get(2).details().get("refund_id"));
        List<Entry> refunds = all.stream().filter(e -> e.kind() == Kind.REFUND).toList();
        assertEquals(1, refunds.size());
        assertEquals(refund, refunds.get(0).id());
        assertEquals("damaged", refunds.get(0).details().get("reason"));
        List<Object> types = all.stream().filter(e -> e.kind() == Kind.EVENT).map(e -> e.details().get("type")).toList();
        assertTrue(types.containsAll(List.of("payment.created", "payment.authorized", "payment.captured", "refund.created",
                "refund.processed", "payment.partially_refunded")), types.toString());
        assertEquals(events, types.size());
        List<Entry> deliveries = all.stream().filter(e -> e.kind() == Kind.WEBHOOK_DELIVERY).toList();
        assertEquals(events, deliveries.size());
        Entry d = deliveries.get(0);
        assertEquals("succeeded", d.details().get("status"));
        assertEquals(200, ((Number) d.details().get("response_status")).intValue());
        assertEquals("thanks", d.details().get("response_body"));
        assertEquals(receiver.url("/ok"), d.details().get("url"));
        // each delivery follows the event it delivered
        for (Entry delivery : deliveries) {
            int at = all.indexOf(delivery);
            assertTrue(all.subList(0, at).stream().anyMatch(e -> e.id().equals(delivery.details().get("event_id"))));
        }
        assertTrue(all.stream().noneMatch(e -> other.equals(e.id()) || other.equals(e.details().get("object_id"))));
    }

    @Test
    void anotherMerchantsPaymentIsNotFound() {
        Shops.Shop shop = Shops.create();
        Shops.Shop other = Shops.create();
        String id = shop.pay(1000, "EUR");
        assertFalse(entries(shop.id(), id).isEmpty());
        assertNull(timeline.of(other.id(), id).await().atMost(Shops.WAIT));
        assertNull(timeline.of(other.id(), "pay_00000000000000").await().atMost(Shops.WAIT));
        assertNull(timeline.of(shop.id(), "'; DROP TABLE payments; --").await().atMost(Shops.WAIT));
    }
}
