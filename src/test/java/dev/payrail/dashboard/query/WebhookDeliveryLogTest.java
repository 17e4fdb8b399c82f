package dev.payrail.dashboard.query;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.dashboard.query.WebhookDeliveryLog.Filter;
import dev.payrail.dashboard.query.WebhookDeliveryLog.Redelivery;
import dev.payrail.dashboard.query.WebhookDeliveryLog.Requeue;
import dev.payrail.support.Db;
import dev.payrail.webhook.WebhookDelivery;
import dev.payrail.webhook.WebhookDispatcher;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookDeliveryLogTest {

    @Inject
    WebhookDeliveryLog log;

    @Inject
    WebhookDispatcher dispatcher;

    HookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new HookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        dispatcher.resume();
        receiver.close();
    }

    private List<WebhookDelivery> all(String merchantId, Filter filter) {
        return log.list(merchantId, filter, null, 100).await().atMost(Shops.WAIT).data();
    }

    private static String deliveryStatus(String eventId) {
        return (String) Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status");
    }

    private static String createdEvent(String paymentId) {
        return (String) Db.one("SELECT id FROM events WHERE object_id = ? AND type = 'payment.created'", paymentId).get("id");
    }

    /** A merchant whose first payment's events were delivered to /ok and whose second payment's to /broken (failed). */
    private record Scene(Shops.Shop shop, String okEvent, String failedEvent) {
    }

    private Scene scene() {
        Shops.Shop shop = Shops.create();
        shop.api().body(Map.of("url", receiver.url("/ok"))).put("/api/v1/webhook-endpoint").then().statusCode(200);
        String okEvent = createdEvent(shop.pay(1000, "USD"));
        await().atMost(Shops.WAIT).until(() -> "delivered".equals(deliveryStatus(okEvent)) && (Long) Db.one(
                "SELECT count(*) AS n FROM events WHERE merchant_id = ? AND delivery_status = 'pending'", shop.id())
                .get("n") == 0);
        shop.api().body(Map.of("url", receiver.url("/broken"), "enabled_events", List.of("payment.created")))
                .put("/api/v1/webhook-endpoint").then().statusCode(200);
        String failedEvent = createdEvent(shop.pay(2000, "USD"));
        await().atMost(Shops.WAIT).until(() -> "failed".equals(deliveryStatus(failedEvent)));
        return new Scene(shop, okEvent, failedEvent);
    }

    @Test
    void deliveriesFilterByEndpointStatusAndEventTypeNewestFirst() {
        Scene s = scene();
        String id = s.shop().id();
        List<WebhookDelivery> every = all(id, Filter.NONE);
        List<WebhookDelivery> sorted = new ArrayList<>(every);
        sorted.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        assertEquals(sorted, every, "newest first");

        List<WebhookDelivery> failed = all(id, Filter.fromQuery(Map.of("status", "failed")));
        assertEquals(5, failed.size(), "five attempts by default");
        assertTrue(failed.stream().allMatch(d -> d.eventId().equals(s.failedEvent()) && d.responseStatus() == 500
                && d.url().equals(receiver.url("/broken")) && "receiver broke".equals(d.responseBody())));
        List<WebhookDelivery> atOk = all(id, Filter.fromQuery(Map.of("endpoint", receiver.url("/ok"))));
        assertEquals(every.size() - 5, atOk.size());
        assertTrue(atOk.stream().allMatch(d -> "succeeded".equals(d.status())));
        List<WebhookDelivery> created = all(id, Filter.fromQuery(Map.of("event_type", "payment.created")));
        assertTrue(created.stream().allMatch(d -> d.eventType().equals("payment.created")));
        assertEquals(6, created.size());
        assertEquals(List.of(receiver.url("/broken"), receiver.url("/ok")), log.endpoints(id).await().atMost(Shops.WAIT));

        Filter f = Filter.fromQuery(Map.of("endpoint", receiver.url("/ok"), "status", "succeeded", "event_type",
                "payment.created"));
        assertEquals(f, Filter.fromQuery(f.toQuery()));
        assertEquals("status", assertThrows(ApiException.class, () -> Filter.fromQuery(Map.of("status", "pending"))).param());
        assertEquals("event_type", assertThrows(ApiException.class,
                () -> Filter.fromQuery(Map.of("event_type", "payment.exploded"))).param());
    }

    @Test
    void cursorPagesWalkTheWholeLogOnce() {
        Scene s = scene();
        List<WebhookDelivery> every = all(s.shop().id(), Filter.NONE);
        List<WebhookDelivery> walked = new ArrayList<>();
        String cursor = null;
        do {
            ListResponse<WebhookDelivery> page = log.list(s.shop().id(), Filter.NONE, cursor, 2).await().atMost(Shops.WAIT);
            walked.addAll(page.data());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(every, walked);
        assertEquals("starting_after", assertThrows(ApiException.class,
                () -> log.list(s.shop().id(), Filter.NONE, "evt_notADelivery", 2)).param());
    }

    @Test
    void retryOneAndRedeliverManyQueueTheEventsAgainThroughTheDispatcher() {
        Scene s = scene();
        String lastFailed = all(s.shop().id(), Filter.fromQuery(Map.of("status", "failed"))).get(0).id();
        s.shop().api().body(Map.of("url", receiver.url("/ok-again"))).put("/api/v1/webhook-endpoint").then().statusCode(200);

        dispatcher.pause();
        assertEquals(new Redelivery(s.failedEvent(), Requeue.QUEUED), log.retry(s.shop().id(), lastFailed).await().atMost(Shops.WAIT));
        assertEquals(List.of(new Redelivery(s.failedEvent(), Requeue.ALREADY_QUEUED),
                new Redelivery(s.okEvent(), Requeue.QUEUED), new Redelivery("evt_00000000000000", Requeue.NOT_FOUND),
                new Redelivery("whd_x", Requeue.NOT_FOUND)),
                log.redeliver(s.shop().id(), List.of(s.failedEvent(), s.okEvent(), "evt_00000000000000", "whd_x"))
                        .await().atMost(Shops.WAIT));
        dispatcher.resume();
        dispatcher.queued();

        await().atMost(Shops.WAIT).until(() -> "delivered".equals(deliveryStatus(s.failedEvent()))
                && all(s.shop().id(), Filter.fromQuery(Map.of("endpoint", receiver.url("/ok-again")))).size() == 2);
        assertEquals("delivered", deliveryStatus(s.okEvent()));
        assertThrows(ApiException.class, () -> log.redeliver(s.shop().id(), List.of()));
        assertThrows(ApiException.class, () -> log.redeliver(s.shop().id(),
                Collections.nCopies(WebhookDeliveryLog.MAX_REDELIVER + 1, s.okEvent())));
    }

    @Test
    void anotherMerchantCanNeitherSeeNorRetryThisMerchantsDeliveries() {
        Scene s = scene();
        Shops.Shop other = Shops.create();
        String delivery = all(s.shop().id(), Filter.NONE).get(0).id();
        assertEquals(List.of(), all(other.id(), Filter.NONE));
        assertEquals(List.of(), all(other.id(), Filter.fromQuery(Map.of("endpoint", receiver.url("/ok")))));
        assertEquals(List.of(), log.endpoints(other.id()).await().atMost(Shops.WAIT));
        assertEquals(List.of(), log.list(other.id(), Filter.NONE, delivery, 10).await().atMost(Shops.WAIT).data());
        assertNull(log.find(other.id(), delivery).await().atMost(Shops.WAIT));
        assertEquals(Requeue.NOT_FOUND, log.retry(other.id(), delivery).await().atMost(Shops.WAIT).result());
        assertEquals(List.of(new Redelivery(s.okEvent(), Requeue.NOT_FOUND)),
                log.redeliver(other.id(), List.of(s.okEvent())).await().atMost(Shops.WAIT));
        assertEquals("delivered", deliveryStatus(s.okEvent()));
    }
}
