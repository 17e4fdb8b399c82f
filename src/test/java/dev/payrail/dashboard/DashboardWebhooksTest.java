package dev.payrail.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.Session;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The webhooks page over HTTP: endpoint changes through the API's validation and SSRF check, secret
 * rotation shown once, a delivery's request/response/signature headers without the secret, retry
 * and redeliver, "Send a test event", audits, and another merchant's deliveries: 404, never retried.
 */
@QuarkusTest
class DashboardWebhooksTest {

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(500);

    @BeforeEach
    void receiver() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> req.response()
                .setStatusCode(status.get()).putHeader("X-Receiver", "test").end("answer " + status.get())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks";
    }

    /** A merchant (key, secret, id) whose admin set the endpoint to the local receiver from the dashboard. */
    private String[] shopWithEndpoint(Session admin, String[] shop) {
        admin.post("/dashboard/webhooks/endpoint", Map.of("url", url(), "enabled", "true")).then().statusCode(303);
        Api.as(shop[0], shop[1]).get("/api/v1/webhook-endpoint").then().statusCode(200)
                .body("url", equalTo(url())).body("enabled", equalTo(true));
        return shop;
    }

    private static String awaitDelivery(String merchantId, String deliveryStatus) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Db.query(
                "SELECT d.id FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.merchant_id = ?"
                        + " AND d.status = ? AND e.delivery_status <> 'pending' ORDER BY d.created_at DESC LIMIT 1",
                merchantId, deliveryStatus).stream().map(r -> (String) r.get("id")).findFirst().orElse(null),
                id -> id != null);
    }

    private static long audits(String merchantId, String action) {
        return ((Number) Db.one("SELECT count(*) AS n FROM audit_log WHERE merchant_id = ? AND action = ?"
                + " AND actor_type = 'dashboard_user' AND ip IS NOT NULL AND request_id IS NOT NULL", merchantId, action)
                .get("n")).longValue();
    }

    @Test
    void endpointIsCheckedLikeTheApiAndSecretRotationIsShownOnce() {
        String[] shop = Api.newMerchant();
        Session admin = DashboardLogin.as(shop[2], Role.ADMIN);
        shopWithEndpoint(admin, shop);
        assertEquals(1, audits(shop[2], "dashboard.webhook_endpoint_changed"));
        admin.post("/dashboard/webhooks/endpoint", Map.of("url", "ftp://shop.example/hooks", "enabled", "true"))
                .then().statusCode(400).body(containsString("url refused"));
        admin.post("/dashboard/webhooks/endpoint", Map.of("url", url(), "events", "no.such_event"))
                .then().statusCode(400).body(containsString("Unknown event type"));
        Api.as(shop[0], shop[1]).get("/api/v1/webhook-endpoint").then().body("url", equalTo(url()));

        String page = admin.post("/dashboard/webhooks/rotate-secret").then().statusCode(200)
                .body(containsString("id=\"new-secret\"")).extract().asString();
        String secret = page.replaceAll("(?s).*<code id=\"new-secret\">(whsec_[^<]+)</code>.*", "$1");
        assertTrue(secret.startsWith("whsec_") && secret.length() > 20, secret);
        assertEquals(1, audits(shop[2], "dashboard.webhook_secret_rotated"));
        admin.get("/dashboard/webhooks").then().statusCode(200).body(not(containsString(secret)))
                .body(containsString("previous secret signs until"));
    }

    @Test
    void deliveryDetailShowsSignedRequestAndResponseAndRetryRedeliverWork() {
        String[] shop = Api.newMerchant();
        Session admin = DashboardLogin.as(shop[2], Role.ADMIN);
        shopWithEndpoint(admin, shop);
        Api.as(shop[0], shop[1]).body(Bodies.cardPayment(1500, "EUR", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201);
        String failed = awaitDelivery(shop[2], "failed");
        Session viewer = DashboardLogin.as(shop[2], Role.VIEWER);
        viewer.get("/dashboard/webhooks?status=failed").then().statusCode(200).body(containsString(failed))
                .body(not(containsString("/retry")));
        viewer.get("/dashboard/webhooks/deliveries/" + failed).then().statusCode(200)
                .body(containsString("webhook-signature")).body(containsString("v1,"))
                .body(containsString("webhook-timestamp")).body(containsString("x-receiver: test"))
                .body(containsString("answer 500")).body(not(containsString("whsec_")));
        viewer.post("/dashboard/webhooks/deliveries/" + failed + "/retry").then().statusCode(403);

        status.set(200);
        admin.post("/dashboard/webhooks/deliveries/" + failed + "/retry").then().statusCode(303);
        assertEquals(1, audits(shop[2], "dashboard.webhook_retried"));
        String ok = awaitDelivery(shop[2], "succeeded");
        admin.get("/dashboard/webhooks/deliveries/" + ok).then().statusCode(200).body(containsString("succeeded"));

        String eventId = (String) Db.one("SELECT event_id FROM webhook_deliveries WHERE id = ?", ok).get("event_id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"pending".equals(
                Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));
        long before = Db.query("SELECT id FROM webhook_deliveries WHERE event_id = ?", eventId).size();
        admin.post("/dashboard/webhooks/redeliver", Map.of("event_ids", eventId)).then().statusCode(303);
        assertEquals(1, audits(shop[2], "dashboard.webhook_redelivered"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.query("SELECT id FROM webhook_deliveries WHERE event_id = ?",
                eventId).size() > before);
        admin.post("/dashboard/webhooks/redeliver", Map.of()).then().statusCode(400);
    }

    @Test
    void aTestEventIsSentOnlyToAnEnabledEndpointAuditedAndDeliveredSigned() {
        String[] shop = Api.newMerchant();
        Session admin = DashboardLogin.as(shop[2], Role.ADMIN);
        admin.get("/dashboard/webhooks").then().statusCode(200).body(containsString("id=\"send-test\" disabled"));
        admin.post("/dashboard/webhooks/test").then().statusCode(409).body(containsString("no enabled webhook endpoint"));
        status.set(200);
        admin.post("/dashboard/webhooks/endpoint", Map.of("url", url(), "enabled", "true", "events", "dispute.closed"))
                .then().statusCode(303);
        admin.get("/dashboard/webhooks").then().statusCode(200)
                .body(not(containsString("value=\"webhook.test\"> webhook.test")))
                .body(containsString("<option value=\"webhook.test\""));
        String location = admin.post("/dashboard/webhooks/test").then().statusCode(303).extract().header("Location");
        String eventId = location.replaceAll(".*test_event=", "");
        assertTrue(eventId.startsWith("evt_"), location);
        admin.get("/dashboard/webhooks?done=test_sent&test_event=" + eventId).then().statusCode(200)
                .body(containsString("id=\"test-event-id\">" + eventId));
        admin.get("/dashboard/webhooks?done=test_sent&test_event=%3Cscript%3E").then().statusCode(200)
                .body(not(containsString("<script>")));
        assertEquals(1, audits(shop[2], "dashboard.webhook_test_sent"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(
                Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));
        String delivery = (String) Db.one("SELECT id FROM webhook_deliveries WHERE event_id = ?", eventId).get("id");
        admin.get("/dashboard/webhooks/deliveries/" + delivery).then().statusCode(200)
                .body(containsString("webhook.test")).body(containsString("webhook-signature"))
                .body(containsString("&quot;source&quot;: &quot;dashboard&quot;"));
    }

    @Test
    void anotherMerchantsDeliveryIsNotFoundAndNeverRetried() {
        String[] shop = Api.newMerchant();
        Session admin = DashboardLogin.as(shop[2], Role.ADMIN);
        shopWithEndpoint(admin, shop);
        Api.as(shop[0], shop[1]).body(Bodies.cardPayment(1500, "EUR", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201);
        String failed = awaitDelivery(shop[2], "failed");
        String eventId = (String) Db.one("SELECT event_id FROM webhook_deliveries WHERE id = ?", failed).get("event_id");
        Object maxBefore = Db.one("SELECT delivery_max_attempts FROM events WHERE id = ?", eventId)
                .get("delivery_max_attempts");

        Session outsider = DashboardLogin.as(Api.newMerchant()[2], Role.ADMIN);
        outsider.get("/dashboard/webhooks/deliveries/" + failed).then().statusCode(404).body(not(containsString(eventId)));
        outsider.post("/dashboard/webhooks/deliveries/" + failed + "/retry").then().statusCode(404);
        outsider.post("/dashboard/webhooks/redeliver", Map.of("event_ids", eventId)).then().statusCode(303);
        outsider.get("/dashboard/webhooks").then().statusCode(200).body(not(containsString(failed)))
                .body(not(containsString(eventId)));
        assertEquals(maxBefore, Db.one("SELECT delivery_max_attempts FROM events WHERE id = ?", eventId)
                .get("delivery_max_attempts"), "never requeued");
    }
}
