package dev.payrail.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Events leave as soon as the statement that queued them committed, not at the dispatcher's next
 * poll: here the poll runs once an hour (once at start-up), so whatever arrives within the
 * tests' few seconds was claimed because its writer nudged the dispatcher.
 */
@QuarkusTest
@TestProfile(WebhookNudgeTest.HourlyPoll.class)
class WebhookNudgeTest {

    /** A poll far slower than any wait below. */
    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payrail.webhook.poll-interval", "1h");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(5);

    WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
    }

    /** The merchant's queued events (id → created_at in epoch milliseconds). */
    static Map<String, Double> queuedEvents(String merchantId) {
        return Db.query("SELECT id, extract(epoch FROM created_at) * 1000 AS ms FROM events"
                + " WHERE merchant_id = ? AND delivery_status <> 'skipped'", merchantId).stream()
                .collect(Collectors.toMap(r -> (String) r.get("id"), r -> ((Number) r.get("ms")).doubleValue()));
    }

    Set<String> receivedIds() {
        return receiver.requests.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    /** Event created_at to receipt, in milliseconds, of every event received; printed as p50/p95/max. */
    List<Long> lags(String what, Map<String, Double> events) {
        List<Long> lags = new ArrayList<>();
        for (var r : receiver.requests) {
            Double created = events.get(r.header("webhook-id"));
            if (created != null) {
                lags.add(r.at().toEpochMilli() - Math.round(created));
            }
        }
        Collections.sort(lags);
        System.out.printf("webhook delivery lag, %s: %d events, p50 %d ms, p95 %d ms, max %d ms%n", what, lags.size(),
                lags.get(lags.size() / 2), lags.get((int) Math.ceil(lags.size() * 0.95) - 1), lags.get(lags.size() - 1));
        return lags;
    }

    @Test
    void everyEventOfAPaymentAndItsRefundArrivesWithinSeconds() {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/nudged"));
        // Written by PaymentStore's insert and apply statements, RefundStore's RESERVE and settle.
        String paymentId = WebhookTestSupport.payment(shop, "manual");
        shop.api().body("{}").post("/api/v1/payments/" + paymentId + "/capture").then().statusCode(200);
        shop.api().body("{\"amount\":500}").post("/api/v1/payments/" + paymentId + "/refunds").then().statusCode(201);

        Map<String, Double> events = queuedEvents(shop.id());
        assertEquals(6, events.size(), "created, authorized, captured, refund created and processed, partially_refunded");
        await().atMost(WAIT).until(() -> receivedIds().containsAll(events.keySet()));
        lags("payment and refund", events);
    }

    @Test
    void aRedeliveryByHandIsSentAtOnce() {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/again"));
        WebhookTestSupport.payment(shop, "automatic");
        String eventId = (String) Db.one("SELECT id FROM events WHERE merchant_id = ? AND type = 'payment.created'",
                shop.id()).get("id");
        await().atMost(WAIT).until(() -> "delivered".equals(
                Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));

        shop.api().body("{}").post("/api/v1/events/" + eventId + "/redeliver").then().statusCode(202);
        await().atMost(WAIT).until(() -> receiver.forEvent(eventId).size() == 2);
    }

    @Test
    void aBurstOfConcurrentPaymentsIsDeliveredWithoutWaitingForThePoll() throws Exception {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/burst"));
        // Nudges that arrive while a claim runs must make it claim again: one lost nudge leaves its
        // event for the hourly poll.
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> payments = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                payments.add(clients.submit(() -> WebhookTestSupport.payment(shop, "automatic")));
            }
            for (Future<String> p : payments) {
                p.get();
            }
        } finally {
            clients.shutdown();
        }
        Map<String, Double> events = queuedEvents(shop.id());
        assertEquals(80, events.size(), "payment.created and payment.captured of 40 payments");
        try {
            await().atMost(WAIT.multipliedBy(2)).until(() -> receivedIds().containsAll(events.keySet()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("received " + receivedIds().size() + "; not delivered: " + Db.query(
                    "SELECT id, type, delivery_status, delivery_attempts, next_attempt_at, created_at, now() FROM events"
                            + " WHERE merchant_id = ? AND delivery_status <> 'delivered'", shop.id()));
            throw e;
        }
        lags("40 concurrent payments", events);
    }
}
