package dev.payrail.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;

import dev.payrail.checkout.Chromium;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The payment pages in Debian's Chromium: an admin signs in, finds a payment made through the API by
 * searching its id, refunds part of it from its detail page with a reason, sees the refund and its
 * webhook delivery (to a local receiver) in the timeline, and exports the filtered list as CSV.
 */
@QuarkusTest
class DashboardPaymentsBrowserTest {

    private static Chromium chromium;
    private static Vertx vertx;
    private static HttpServer receiver;

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @BeforeAll
    static void launch() throws Exception {
        chromium = Chromium.launch();
        vertx = Vertx.vertx();
        receiver = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> req.response().setStatusCode(200).end("received")))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void quit() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void findRefundSeeTheWebhookDeliveryAndExportCsv() throws Exception {
        String[] m = Api.newMerchant();
        Api.as(m[0], m[1]).body(Map.of("url", "http://127.0.0.1:" + receiver.actualPort() + "/hooks"))
                .put("/api/v1/webhook-endpoint").then().statusCode(200);
        String id = Api.as(m[0], m[1]).body(Bodies.cardPayment(12500, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        DashboardLogin.User admin = DashboardLogin.create(m[2], Role.ADMIN);

        try (BrowserContext context = chromium.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(dashboard.toString());
            page.fill("#email", admin.email());
            page.fill("#password", admin.password());
            page.click("button[type=submit]");
            page.waitForURL("**/dashboard");
            assertThat(page.locator("#chart svg")).isVisible();

            page.click("nav a[href='/dashboard/payments']");
            page.fill("#f-id", id);
            page.click("#search");
            page.waitForURL("**/dashboard/payments?id=" + id + "**");
            assertThat(page.locator("#payments tbody tr")).hasCount(1);
            page.click("#payments a[href='/dashboard/payments/" + id + "']");
            assertThat(page.locator("#summary")).containsText("125.00 USD");

            page.fill("#refund-amount", "40.00");
            page.fill("#refund-reason", "customer returned one item");
            page.click("#refund-form button[type=submit]");
            page.waitForURL("**/dashboard/payments/" + id + "?done=refund");
            assertThat(page.locator("#notice")).containsText("Refund submitted");
            assertThat(page.locator("#timeline tr.tl-refund")).containsText("40.00 USD");
            assertThat(page.locator("#timeline tr.tl-refund")).containsText("customer returned one item");

            // the webhook deliveries arrive asynchronously: reload until the refund's is in the timeline
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (page.locator("#timeline tr.tl-webhook-delivery", new Page.LocatorOptions().setHasText("refund.processed"))
                    .count() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                page.reload();
            }
            assertThat(page.locator("#timeline tr.tl-webhook-delivery", new Page.LocatorOptions().setHasText("refund.processed"))
                    .first()).containsText("HTTP 200");

            page.click("nav a[href='/dashboard/payments']");
            page.fill("#f-id", id);
            page.click("#search");
            page.waitForURL("**/dashboard/payments?id=" + id + "**");
            Download download = page.waitForDownload(() -> page.click("#csv-export"));
            assertTrue(download.suggestedFilename().startsWith("payments-"), download.suggestedFilename());
            String csv = Files.readString(download.path());
            String[] lines = csv.split("\r\n");
            assertEquals(2, lines.length, csv);
            assertTrue(lines[1].startsWith(id + ","), csv);
            assertTrue(lines[1].contains(",125.00,125.00,40.00,"), csv);
        }
    }
}
