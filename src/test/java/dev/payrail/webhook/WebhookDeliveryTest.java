package dev.payrail.webhook;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
    }

    static List<String> eventIds(String merchantId) {
        return Db.query("SELECT id FROM events WHERE merchant_id = ? ORDER BY created_at", merchantId).stream()
                .map(r -> (String) r.get("id")).toList();
    }

    @Test
    void everyStateChangeProducesOneEventAndEveryEventIsDeliveredSigned() throws Exception {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/hooks"));
        String paymentId = WebhookTestSupport.payment(shop, "manual");
        shop.api().body("{}").post("/api/v1/payments/" + paymentId + "/capture").then().statusCode(200);
        shop.api().body("{\"amount\":500}").post("/api/v1/payments/" + paymentId + "/refunds").then().statusCode(201);

        // created, authorized, captured; refund created + processed, payment partially_refunded.
        List<Map<String, Object>> events = Db.query(
                "SELECT id, type, object_id FROM events WHERE merchant_id = ? ORDER BY created_at, id", shop.id());
        assertEquals(List.of("payment.authorized", "payment.captured", "payment.created", "payment.partially_refunded",
                "refund.created", "refund.processed"),
                events.stream().map(e -> (String) e.get("type")).sorted().toList());

        Set<String> ids = events.stream().map(e -> (String) e.get("id")).collect(Collectors.toSet());
        await().atMost(WAIT).until(() -> receiver.requests.stream().map(r -> r.header("webhook-id"))
                .collect(Collectors.toSet()).containsAll(ids));
        assertEquals(ids.size(), receiver.requests.size(), "one delivery per event");

        Map<String, Integer> versions = new HashMap<>();
        for (var r : receiver.requests) {
            WebhookTestSupport.verify(shop.webhookSecret(), r);
            JsonNode body = JSON.readTree(r.body());
            assertEquals(r.header("webhook-id"), body.get("id").asText());
            assertTrue(body.hasNonNull("type") && body.hasNonNull("created_at") && body.get("data").isObject());
            assertEquals("application/json", r.header("content-type"));
            if (body.get("type").asText().startsWith("payment.")) {
                versions.merge(body.get("type").asText(), body.get("data").get("version").asInt(), Math::max);
            }
        }
        assertTrue(versions.get("payment.created") < versions.get("payment.authorized"));
        assertTrue(versions.get("payment.authorized") < versions.get("payment.captured"));
        assertTrue(versions.get("payment.captured") < versions.get("payment.partially_refunded"));
        await().atMost(WAIT).until(() -> Db.query(
                "SELECT 1 FROM events WHERE merchant_id = ? AND delivery_status <> 'delivered'", shop.id()).isEmpty());
        shop.api().get("/api/v1/webhook-deliveries?status=succeeded&limit=100").then().statusCode(200)
                .body("data", hasSize(ids.size()));
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheFourthAttemptWithTheSameId() throws Exception {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/flaky"));
        shop.api().body(Map.of("url", receiver.url("/flaky"), "enabled_events", List.of("payment.created")))
                .put("/api/v1/webhook-endpoint").then().statusCode(200).body("enabled_events", equalTo(List.of("payment.created")));
        receiver.answer(r -> WebhookReceiver.Answer.of(receiver.requests.size() <= 3 ? 500 : 204));
        String paymentId = WebhookTestSupport.payment(shop, "automatic");
        String eventId = (String) Db.one("SELECT id FROM events WHERE object_id = ? AND type = 'payment.created'",
                paymentId).get("id");

        await().atMost(WAIT).until(() -> receiver.forEvent(eventId).size() >= 4);
        var attempts = receiver.forEvent(eventId);
        assertEquals(4, attempts.size());
        for (var r : attempts) {
            WebhookTestSupport.verify(shop.webhookSecret(), r);
        }
        assertEquals(1, attempts.stream().map(WebhookReceiver.Received::body).distinct().count(), "same body every time");
        await().atMost(WAIT).until(() -> "delivered".equals(
                Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));
        var log = shop.api().get("/api/v1/webhook-deliveries?event_id=" + eventId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(4, 3, 2, 1), log.getList("data.attempt"));
        assertEquals(List.of("succeeded", "failed", "failed", "failed"), log.getList("data.status"));
        assertEquals(500, log.getInt("data[1].response_status"));
        assertEquals("ok 500", log.getString("data[1].response_body"));
        // Only payment.created is enabled: the capture event of the same payment is skipped, never sent.
        assertEquals("skipped", Db.one("SELECT delivery_status FROM events WHERE object_id = ? AND type = 'payment.captured'",
                paymentId).get("delivery_status"));
    }

    @Test
    void theOfficialLibraryRejectsTamperedBodiesWrongSecretsAndOldTimestamps() throws Exception {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/sig"));
        WebhookTestSupport.payment(shop, "automatic");
        await().atMost(WAIT).until(() -> !receiver.requests.isEmpty());
        var r = receiver.requests.get(0);
        WebhookTestSupport.verify(shop.webhookSecret(), r);
        assertThrows(WebhookVerificationException.class, () -> WebhookTestSupport.verify(shop.webhookSecret(),
                r.body().replace("1500", "1501"), r.header("webhook-id"), r.header("webhook-timestamp"),
                r.header("webhook-signature")));
        assertThrows(WebhookVerificationException.class, () -> WebhookTestSupport.verify(
                dev.payrail.merchant.MerchantService.newWebhookSecret(), r));
        // Signed correctly, but six minutes ago: too old for a Standard Webhooks receiver.
        long old = Instant.now().minusSeconds(360).getEpochSecond();
        String oldSig = WebhookSigner.sign(shop.webhookSecret(), r.header("webhook-id"), old, r.body());
        assertThrows(WebhookVerificationException.class, () -> WebhookTestSupport.verify(shop.webhookSecret(), r.body(),
                r.header("webhook-id"), Long.toString(old), oldSig));
        // The same recipe at the current time verifies: the rejection above is about the timestamp only.
        long now = Instant.now().getEpochSecond();
        WebhookTestSupport.verify(shop.webhookSecret(), r.body(), r.header("webhook-id"), Long.toString(now),
                WebhookSigner.sign(shop.webhookSecret(), r.header("webhook-id"), now, r.body()));
    }

    @Test
    void duringRotationBothSecretsVerifyEveryDelivery() throws Exception {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/rotate"));
        String newSecret = shop.api().post("/api/v1/webhook-endpoint/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        assertTrue(newSecret.startsWith("whsec_"));
        shop.api().get("/api/v1/webhook-endpoint").then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")))
                .body("previous_secret_expires_at", org.hamcrest.Matchers.notNullValue());
        WebhookTestSupport.payment(shop, "automatic");
        await().atMost(WAIT).until(() -> receiver.requests.size() >= 2);
        for (var r : receiver.requests) {
            assertEquals(2, r.header("webhook-signature").split(" ").length);
            WebhookTestSupport.verify(newSecret, r);
            WebhookTestSupport.verify(shop.webhookSecret(), r);
        }
        // Secrets are sealed at rest.
        String stored = (String) Db.one("SELECT webhook_secret FROM merchants WHERE id = ?", shop.id()).get("webhook_secret");
        assertTrue(stored.startsWith("enc:v1:") && !stored.contains(newSecret.substring(6)));
    }

    @Test
    void goneDisablesTheEndpointAndRedirectsAreNotFollowed() {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/moved"));
        receiver.answer(r -> r.path().equals("/moved")
                ? new WebhookReceiver.Answer(302, Map.of("Location", receiver.url("/elsewhere")))
                : WebhookReceiver.Answer.of(200));
        String paymentId = WebhookTestSupport.payment(shop, "automatic");
        String eventId = (String) Db.one("SELECT id FROM events WHERE object_id = ? AND type = 'payment.created'",
                paymentId).get("id");
        await().atMost(WAIT).until(() -> receiver.forEvent(eventId).size() >= 2);
        assertTrue(receiver.requests.stream().noneMatch(r -> r.path().equals("/elsewhere")), "redirect followed");
        shop.api().get("/api/v1/webhook-deliveries?event_id=" + eventId + "&status=failed").then().statusCode(200)
                .body("data[0].response_status", equalTo(302)).body("data[0].error", equalTo("redirect not followed"));

        receiver.answer(r -> WebhookReceiver.Answer.of(410));
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(
                Db.one("SELECT webhook_enabled FROM merchants WHERE id = ?", shop.id()).get("webhook_enabled")));
        shop.api().get("/api/v1/webhook-endpoint").then().statusCode(200).body("enabled", equalTo(false))
                .body("disabled_reason", equalTo("gone"));
        // Events after that are not attempted.
        int before = receiver.requests.size();
        WebhookTestSupport.payment(shop, "automatic");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == before);
    }

    @Test
    void afterTheLastAttemptTheDeliveryFailsAndCanBeRetriedByHand() {
        var shop = WebhookTestSupport.newShop();
        shop.api().body(Map.of("url", receiver.url("/down"), "enabled_events", List.of("payment.created")))
                .put("/api/v1/webhook-endpoint").then().statusCode(200);
        receiver.answer(r -> WebhookReceiver.Answer.of(503));
        String paymentId = WebhookTestSupport.payment(shop, "automatic");
        String eventId = (String) Db.one("SELECT id FROM events WHERE object_id = ? AND type = 'payment.created'",
                paymentId).get("id");
        await().atMost(WAIT).until(() -> "failed".equals(
                Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));
        assertEquals(5, receiver.forEvent(eventId).size(), "5 attempts by default");
        String lastDelivery = shop.api().get("/api/v1/webhook-deliveries?event_id=" + eventId).then().statusCode(200)
                .body("data[0].attempt", equalTo(5)).body("data[0].next_retry_at", org.hamcrest.Matchers.nullValue())
                .extract().path("data[0].id");

        receiver.answer(r -> WebhookReceiver.Answer.of(200));
        shop.api().post("/api/v1/webhook-deliveries/" + lastDelivery + "/retry").then().statusCode(202)
                .body("event_id", equalTo(eventId));
        await().atMost(WAIT).until(() -> receiver.forEvent(eventId).size() == 6);
        await().atMost(WAIT).until(() -> "delivered".equals(
                Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));
        // Redelivery of a delivered event sends it once more, with the same webhook-id.
        shop.api().post("/api/v1/events/" + eventId + "/redeliver").then().statusCode(202);
        await().atMost(WAIT).until(() -> receiver.forEvent(eventId).size() == 7);
        // Another merchant sees neither the delivery nor the event.
        var other = WebhookTestSupport.newShop();
        other.api().post("/api/v1/webhook-deliveries/" + lastDelivery + "/retry").then().statusCode(404);
        other.api().post("/api/v1/events/" + eventId + "/redeliver").then().statusCode(404);
    }

    @Test
    void retryAfterIsHonoured() {
        var shop = WebhookTestSupport.newShop();
        shop.api().body(Map.of("url", receiver.url("/busy"), "enabled_events", List.of("payment.created")))
                .put("/api/v1/webhook-endpoint").then().statusCode(200);
        receiver.answer(r -> receiver.requests.size() == 1
                ? new WebhookReceiver.Answer(429, Map.of("Retry-After", "4")) : WebhookReceiver.Answer.of(200));
        String paymentId = WebhookTestSupport.payment(shop, "automatic");
        String eventId = (String) Db.one("SELECT id FROM events WHERE object_id = ? AND type = 'payment.created'",
                paymentId).get("id");
        await().atMost(WAIT).until(() -> receiver.forEvent(eventId).size() == 2);
        var first = Db.one("SELECT created_at, next_retry_at FROM webhook_deliveries WHERE event_id = ? AND attempt = 1",
                eventId);
        long gapMillis = Duration.between(((java.sql.Timestamp) first.get("created_at")).toInstant(),
                ((java.sql.Timestamp) first.get("next_retry_at")).toInstant()).toMillis();
        // The schedule says 1 s (±20 %) in tests; Retry-After said 4 s.
        assertEquals(4000, gapMillis, 50);
    }

    @Test
    void eventsOfMerchantsWithoutAnEndpointAreSkippedNotAttempted() {
        var shop = WebhookTestSupport.newShop();
        String paymentId = WebhookTestSupport.payment(shop, "automatic");
        // Written skipped by the payment's own statements, not later by the dispatcher: the outbox
        // costs such a merchant no update and never queues its events.
        assertEquals(List.of("skipped", "skipped"), statuses(paymentId));
        assertTrue(Db.query("SELECT 1 FROM webhook_deliveries WHERE merchant_id = ?", shop.id()).isEmpty());
    }

    @Test
    void onlyTheEventTypesTheEndpointTakesAreQueued() {
        var shop = WebhookTestSupport.newShop();
        shop.api().body(Map.of("url", receiver.url("/captured"), "enabled_events", List.of("payment.captured")))
                .put("/api/v1/webhook-endpoint").then().statusCode(200);
        String paymentId = WebhookTestSupport.payment(shop, "manual");
        shop.api().body("{}").post("/api/v1/payments/" + paymentId + "/capture").then().statusCode(200);
        Map<String, String> byType = Db.query("SELECT type, delivery_status FROM events WHERE object_id = ?", paymentId)
                .stream().collect(Collectors.toMap(r -> (String) r.get("type"), r -> (String) r.get("delivery_status")));
        assertEquals("skipped", byType.get("payment.created"));
        assertEquals("skipped", byType.get("payment.authorized"));
        assertTrue(Set.of("pending", "delivered").contains(byType.get("payment.captured")), byType.toString());
        await().atMost(WAIT).until(() -> receiver.requests.size() == 1);
        assertTrue(receiver.requests.get(0).body().contains("\"payment.captured\""));

        // A refund's events are written for an endpoint that no longer takes them: skipped.
        shop.api().body(Map.of("url", "", "enabled", false)).put("/api/v1/webhook-endpoint").then().statusCode(200);
        String refundId = shop.api().body("{\"amount\":100}").post("/api/v1/payments/" + paymentId + "/refunds").then()
                .statusCode(201).extract().path("id");
        List<String> refundEvents = statuses(refundId);
        assertTrue(!refundEvents.isEmpty() && refundEvents.stream().allMatch("skipped"::equals), refundEvents.toString());
    }

    private static List<String> statuses(String objectId) {
        return Db.query("SELECT delivery_status FROM events WHERE object_id = ? ORDER BY created_at, id", objectId).stream()
                .map(r -> (String) r.get("delivery_status")).toList();
    }

    @Test
    void aSlowEndpointGetsAtMostFourConcurrentDeliveriesAndHugeAnswersAreCut() {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/slow"));
        receiver.answer(r -> new WebhookReceiver.Answer(200, Map.of(), 400, 2_000_000));
        String prefix = "evt_slow" + Long.toString(System.nanoTime(), 36);
        Db.update("""
                INSERT INTO events (id, merchant_id, type, object_id, payload, created_at)
                SELECT ? || i, ?, 'payment.captured', 'pay_slow' || i, jsonb_build_object('version', 2), now()
                  FROM generate_series(1, 16) AS i""", prefix, shop.id());
        await().atMost(WAIT).until(() -> ((Number) Db.one(
                "SELECT count(*) AS n FROM events WHERE merchant_id = ? AND delivery_status = 'delivered'", shop.id())
                .get("n")).intValue() == 16);
        assertTrue(receiver.maxConcurrent.get() <= 4, "max concurrent " + receiver.maxConcurrent.get());
        assertTrue(receiver.maxConcurrent.get() >= 2, "deliveries to one endpoint still overlap");
        var sizes = Db.query("SELECT length(response_body) AS n FROM webhook_deliveries WHERE merchant_id = ?", shop.id());
        assertTrue(sizes.stream().allMatch(r -> ((Number) r.get("n")).intValue() == 1024), sizes.toString());
    }

    @Test
    void deliveriesAreMeasured() {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/metrics"));
        WebhookTestSupport.payment(shop, "automatic");
        await().atMost(WAIT).until(() -> receiver.requests.size() >= 2);
        await().atMost(WAIT).untilAsserted(() -> io.restassured.RestAssured.get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("payrail_webhook_deliveries_total{outcome=\"succeeded\""))
                .body(org.hamcrest.Matchers.containsString("payrail_webhook_delivery_seconds_count"))
                .body(org.hamcrest.Matchers.containsString("payrail_webhook_queue_depth"))
                .body(org.hamcrest.Matchers.containsString("payrail_webhook_queue_oldest_age_seconds"))
                .body(org.hamcrest.Matchers.containsString("payrail_webhook_endpoints_disabled_total")));
    }

    @Test
    void endpointSettingsAreValidated() {
        var shop = WebhookTestSupport.newShop();
        shop.api().body(Map.of("url", "ftp://example.com/x")).put("/api/v1/webhook-endpoint").then().statusCode(400)
                .body("param", equalTo("url"));
        shop.api().body(Map.of("url", "https://example.com/x", "enabled_events", List.of("payment.exploded")))
                .put("/api/v1/webhook-endpoint").then().statusCode(400).body("param", equalTo("enabled_events"));
        shop.api().body(Map.of("url", "https://example.com/x", "enabled", false)).put("/api/v1/webhook-endpoint")
                .then().statusCode(200).body("enabled", equalTo(false)).body("enabled_events", equalTo(List.of("*")));
        shop.api().get("/api/v1/webhook-deliveries?status=maybe").then().statusCode(400).body("param", equalTo("status"));
        shop.api().get("/api/v1/webhook-deliveries?starting_after=pay_123").then().statusCode(400);
        Api.seeded().get("/api/v1/webhook-endpoint").then().statusCode(200);
    }

    @Test
    void theDeliveryLogPaginatesWithACursor() {
        var shop = WebhookTestSupport.newShop();
        WebhookTestSupport.endpoint(shop, receiver.url("/page"));
        for (int i = 0; i < 3; i++) {
            shop.api().body(Bodies.cardPayment(1000 + i, "EUR", "4242424242424242", "automatic"))
                    .post("/api/v1/payments").then().statusCode(201);
        }
        await().atMost(WAIT).until(() -> Db.query("SELECT 1 FROM webhook_deliveries WHERE merchant_id = ?", shop.id())
                .size() == 6);
        var page1 = shop.api().get("/api/v1/webhook-deliveries?limit=4").then().statusCode(200)
                .body("data", hasSize(4)).body("has_more", equalTo(true)).extract().jsonPath();
        var page2 = shop.api().get("/api/v1/webhook-deliveries?limit=4&starting_after=" + page1.getString("next_cursor"))
                .then().statusCode(200).body("data", hasSize(2)).body("has_more", equalTo(false)).extract().jsonPath();
        Set<String> all = new java.util.HashSet<>(page1.getList("data.id"));
        all.addAll(page2.getList("data.id"));
        assertEquals(6, all.size());
        shop.api().get("/api/v1/webhook-deliveries?event_type=payment.captured").then().statusCode(200)
                .body("data", hasSize(3)).body("data.event_type", org.hamcrest.Matchers.everyItem(equalTo("payment.captured")));
    }
}
