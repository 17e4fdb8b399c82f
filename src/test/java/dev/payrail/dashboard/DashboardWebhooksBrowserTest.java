package dev.payrail.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.payrail.checkout.Chromium;
import dev.payrail.dashboard.DashboardLogin.User;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * In Chromium: an admin sets the webhook endpoint to a local receiver answering 500, finds the
 * FAILED delivery in the log, opens its request/response with the signature headers, fixes the
 * receiver, retries it and sees it succeed; then rotates the signing secret (shown once). And: an admin
 * whose endpoint takes only refund events sends a test event and finds it delivered in the log.
 */
@QuarkusTest
class DashboardWebhooksBrowserTest {

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @Test
    void adminRetriesAFailedDeliveryAndRotatesTheSecret() throws Exception {
        AtomicInteger answer = new AtomicInteger(500);
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> req.response()
                .setStatusCode(answer.get()).end("answer " + answer.get())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String[] shop = Api.newMerchant();
        User admin = DashboardLogin.create(shop[2], Role.ADMIN);
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(dashboard.toString());
            page.fill("#email", admin.email());
            page.fill("#password", admin.password());
            page.click("button[type=submit]");
            page.waitForURL("**/dashboard");

            page.click("nav a[href='/dashboard/webhooks']");
            page.fill("#endpoint-url-input", "http://127.0.0.1:" + server.actualPort() + "/hooks");
            page.check("input[name=enabled]");
            page.click("#endpoint-form button[type=submit]");
            assertThat(page.locator("#done")).containsText("endpoint is saved");

            Api.as(shop[0], shop[1]).body(Bodies.cardPayment(1500, "EUR", "4242424242424242", "automatic"))
                    .post("/api/v1/payments").then().statusCode(201);
            // The receiver answers 500 until the event's attempts are used up (test schedule: 1 s each).
            String failed = await().atMost(Duration.ofSeconds(40)).until(() -> Db.query(
                    "SELECT d.id FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.merchant_id = ?"
                            + " AND d.status = 'failed' AND e.delivery_status = 'failed' ORDER BY d.created_at DESC LIMIT 1",
                    shop[2]).stream().map(r -> (String) r.get("id")).findFirst().orElse(null), id -> id != null);

            page.selectOption("#f-status", "failed");
            page.click("#filters button[type=submit]");
            assertThat(page.locator("#delivery-" + failed + " .status")).hasText("failed");
            page.click("#delivery-" + failed + " a");
            assertThat(page.locator("#delivery-status")).containsText("failed");
            assertThat(page.locator("#request-headers")).containsText("webhook-signature");
            assertThat(page.locator("#response-body")).containsText("answer 500");

            answer.set(200);
            page.click("#retry");
            assertThat(page.locator("#done")).containsText("queued for another attempt");
            String eventId = (String) Db.one("SELECT event_id FROM webhook_deliveries WHERE id = ?", failed).get("event_id");
            await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(
                    Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));
            page.navigate(dashboard + "/webhooks?status=succeeded");
            assertThat(page.locator("#deliveries")).containsText(eventId);
            assertThat(page.locator("#deliveries .delivery-succeeded").first()).isVisible();

            page.click("#rotate-secret");
            assertThat(page.locator("#new-secret")).containsText("whsec_");
            String secret = page.locator("#new-secret").textContent().trim();
            page.navigate(dashboard + "/webhooks");
            assertThat(page.locator("#new-secret")).hasCount(0);
            assertTrue(!page.content().contains(secret), "the new secret is shown once");
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void adminSendsATestEventAndSeesItInTheLog() throws Exception {
        Vertx vertx = Vertx.vertx();
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received.add(req.getHeader("webhook-id") + " " + b);
            req.response().setStatusCode(200).end("got it");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String[] shop = Api.newMerchant();
        User admin = DashboardLogin.create(shop[2], Role.ADMIN);
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(dashboard.toString());
            page.fill("#email", admin.email());
            page.fill("#password", admin.password());
            page.click("button[type=submit]");
            page.waitForURL("**/dashboard");

            page.click("nav a[href='/dashboard/webhooks']");
            assertTrue(page.locator("#send-test").isDisabled(), "no endpoint yet");
            page.fill("#endpoint-url-input", "http://127.0.0.1:" + server.actualPort() + "/hooks");
            page.check("input[name=events][value='refund.processed']");
            page.check("input[name=enabled]");
            page.click("#endpoint-form button[type=submit]");
            assertThat(page.locator("#done")).containsText("endpoint is saved");

            page.click("#send-test");
            assertThat(page.locator("#done")).containsText("test event");
            String eventId = page.locator("#test-event-id").textContent().trim();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(r -> r.startsWith(eventId + " ")));
            assertTrue(received.stream().filter(r -> r.startsWith(eventId + " ")).findFirst().orElseThrow()
                    .contains("\"type\":\"webhook.test\""));
            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(
                    Db.one("SELECT delivery_status FROM events WHERE id = ?", eventId).get("delivery_status")));

            page.selectOption("#f-type", "webhook.test");
            page.click("#filters button[type=submit]");
            assertThat(page.locator("#deliveries")).containsText(eventId);
            assertThat(page.locator("#deliveries .delivery-succeeded").first()).containsText("webhook.test");
            page.locator("#deliveries .delivery-succeeded a").first().click();
            assertThat(page.locator("#delivery-status")).containsText("succeeded");
            assertThat(page.locator("#request-headers")).containsText("webhook-signature");
            assertThat(page.locator("#request-body")).containsText("webhook_test");
            assertThat(page.locator("#response-body")).containsText("got it");
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
