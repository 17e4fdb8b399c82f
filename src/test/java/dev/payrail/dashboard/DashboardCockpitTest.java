package dev.payrail.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.Session;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The test-mode cockpit's simulations over HTTP: a dispute opened by the simulator's card network on a
 * captured simulator payment (payment disputed, dispute.created recorded, audited; refused for anything
 * else and for another merchant's payment), and a webhook failure (a real failed attempt with the sandbox
 * receiver's 500 and the next attempt scheduled, then the retry delivered to the merchant's endpoint).
 */
@QuarkusTest
class DashboardCockpitTest {

    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void receiver() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> req.response()
                .setStatusCode(200).end("merchant endpoint ok")))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String captured(Providers.Merchant m) {
        return m.api().body(Bodies.cardPayment(2500, "EUR", "4242424242424242", "automatic")).post("/api/v1/payments")
                .then().statusCode(201).body("status", equalTo("captured")).body("provider", equalTo("simulator"))
                .extract().path("id");
    }

    private static long count(String sql, Object... params) {
        return ((Number) Db.one(sql, params).get("n")).longValue();
    }

    @Test
    void anOperatorDisputesACapturedSimulatorPaymentThroughTheSimulatorsNetwork() {
        Providers.Merchant m = Providers.routingTo("simulator");
        String paymentId = captured(m);
        Session operator = DashboardLogin.as(m.id(), Role.OPERATOR);
        operator.get("/dashboard/test-mode").then().statusCode(200).body(containsString("id=\"disputable-" + paymentId + "\""));

        operator.post("/dashboard/test-mode/dispute", Map.of("payment_id", paymentId)).then().statusCode(200)
                .body(containsString("id=\"simulated-status\">disputed<"))
                .body(containsString("id=\"simulated-dispute\">simdp_"));
        m.api().get("/api/v1/payments/" + paymentId).then().statusCode(200).body("status", equalTo("disputed"));
        m.api().queryParam("payment_id", paymentId).get("/api/v1/disputes").then().statusCode(200)
                .body("data.size()", equalTo(1)).body("data[0].status", equalTo("needs_response"))
                .body("data[0].funds_withdrawn", equalTo(2500)).body("data[0].reason", equalTo("fraudulent"));
        assertEquals(1, count("SELECT count(*) AS n FROM events WHERE merchant_id = ? AND type = 'dispute.created'", m.id()));
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE merchant_id = ? AND object_id = ? "
                + "AND action = 'dashboard.test_dispute_simulated' AND actor_id = ?", m.id(), paymentId, operator.user().id()));

        // disputed now: not again; a failed or unknown payment, or another merchant's, is refused
        operator.post("/dashboard/test-mode/dispute", Map.of("payment_id", paymentId)).then().statusCode(400)
                .body(containsString("Only a captured payment of the simulator"));
        operator.post("/dashboard/test-mode/dispute", Map.of("payment_id", "pay_nosuchpayment0")).then().statusCode(404);
        operator.post("/dashboard/test-mode/dispute", Map.of("payment_id", "<script>")).then().statusCode(400);
        Providers.Merchant other = Providers.routingTo("simulator");
        String theirs = captured(other);
        operator.post("/dashboard/test-mode/dispute", Map.of("payment_id", theirs)).then().statusCode(404);
        other.api().get("/api/v1/payments/" + theirs).then().body("status", equalTo("captured"));
        assertEquals(1, count("SELECT count(*) AS n FROM disputes WHERE payment_id IN (?, ?)", paymentId, theirs));
    }

    @Test
    void aSimulatedWebhookFailureIsAFailedAttemptWithTheAnswerThenTheRetryReachesTheEndpoint() {
        String[] shop = Api.newMerchant();
        Session admin = DashboardLogin.as(shop[2], Role.ADMIN);
        admin.post("/dashboard/test-mode/webhook-failure").then().statusCode(409)
                .body(containsString("no enabled webhook endpoint"));
        String endpoint = "http://127.0.0.1:" + server.actualPort() + "/hooks";
        admin.post("/dashboard/webhooks/endpoint", Map.of("url", endpoint, "enabled", "true", "events", "refund.failed"))
                .then().statusCode(303);

        String location = admin.post("/dashboard/test-mode/webhook-failure").then().statusCode(303).extract()
                .header("Location");
        assertTrue(location.contains("done=failure_simulated&test_event=evt_"), location);
        String eventId = location.replaceAll(".*test_event=", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(
                Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));

        List<Map<String, Object>> attempts = Db.query("SELECT attempt, status, url, response_status, response_body, "
                + "next_retry_at, request_headers::text AS headers FROM webhook_deliveries WHERE event_id = ? ORDER BY attempt",
                eventId);
        assertEquals(2, attempts.size(), attempts.toString());
        Map<String, Object> failed = attempts.get(0);
        assertEquals("failed", failed.get("status"));
        assertTrue(((String) failed.get("url")).endsWith("/sandbox/webhook-receiver/failing"), failed.toString());
        assertEquals(500, ((Number) failed.get("response_status")).intValue());
        assertTrue(((String) failed.get("response_body")).contains("simulated_failure"), failed.toString());
        assertNotNull(failed.get("next_retry_at"), "the next automatic attempt is scheduled");
        assertTrue(((String) failed.get("headers")).contains("webhook-signature"), "signed like every event");
        Map<String, Object> retried = attempts.get(1);
        assertEquals("succeeded", retried.get("status"));
        assertEquals(endpoint, retried.get("url"));
        assertNull(retried.get("next_retry_at"));

        admin.get("/dashboard/webhooks?done=failure_simulated&test_event=" + eventId).then().statusCode(200)
                .body(containsString("id=\"test-event-id\">" + eventId))
                .body(containsString("id=\"retry-schedule\""))
                .body(containsString("<td class=\"status\">failed</td>"));
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE merchant_id = ? AND object_id = ? "
                + "AND action = 'dashboard.test_webhook_failure_simulated'", shop[2], eventId));
    }

    @Test
    void simulationsNeedTheirPermission() {
        String[] shop = Api.newMerchant();
        Session viewer = DashboardLogin.as(shop[2], Role.VIEWER);
        viewer.get("/dashboard/test-mode").then().statusCode(200).body(not(containsString("simulate-dispute")))
                .body(not(containsString("simulate-webhook-failure")));
        viewer.post("/dashboard/test-mode/dispute", Map.of("payment_id", "pay_nosuchpayment0")).then().statusCode(403);
        DashboardLogin.as(shop[2], Role.OPERATOR).get("/dashboard/test-mode").then().statusCode(200)
                .body(containsString("simulate-dispute")).body(not(containsString("simulate-webhook-failure")));
        DashboardLogin.as(shop[2], Role.ADMIN).get("/dashboard/test-mode").then().statusCode(200)
                .body(containsString("simulate-webhook-failure"));
    }

    @Test
    void aLiveMerchantGetsNoCockpitAndNoSimulation() {
        String[] shop = Api.newMerchant();
        Session admin = DashboardLogin.as(shop[2], Role.ADMIN);
        admin.post("/dashboard/webhooks/endpoint", Map.of("url", "http://127.0.0.1:" + server.actualPort() + "/hooks",
                "enabled", "true")).then().statusCode(303);
        Db.update("UPDATE merchants SET api_key_id = ? WHERE id = ?", "key_live_" + Long.toString(System.nanoTime(), 36),
                shop[2]);
        admin.get("/dashboard/test-mode").then().statusCode(404).body(containsString("id=\"not-test-mode\""));
        admin.get("/dashboard").then().statusCode(200).body(not(containsString("href=\"/dashboard/test-mode\"")));
        admin.post("/dashboard/test-mode/webhook-failure").then().statusCode(404);
        admin.post("/dashboard/test-mode/dispute", Map.of("payment_id", "pay_nosuchpayment0")).then().statusCode(404);
        admin.post("/dashboard/test-mode/decline").then().statusCode(404);
        assertEquals(0, count("SELECT count(*) AS n FROM events WHERE merchant_id = ?", shop[2]));
        assertEquals(0, count("SELECT count(*) AS n FROM audit_log WHERE merchant_id = ? AND action LIKE 'dashboard.test_%'",
                shop[2]));
    }
}
