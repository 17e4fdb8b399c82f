package dev.payrail.checkout;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * checkout.js on a merchant's page of another origin, in Debian's Chromium: onSuccess with a
 * signature the merchant's server verifies (also after the checkout reloads inside its frame),
 * onFailure, onClose; a message from a foreign origin is ignored; an origin the merchant did not
 * allow cannot frame the checkout.
 */
@QuarkusTest
class EmbeddedCheckoutBrowserTest {

    private static Chromium chromium;
    private static MerchantSite site;
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
        site = new MerchantSite();
    }

    @AfterAll
    static void quit() throws Exception {
        if (site != null) {
            site.close();
        }
        if (chromium != null) {
            chromium.close();
        }
        CheckoutFixtures.assertNoCardNumberLogged();
    }

    @BeforeEach
    void open() {
        context = chromium.browser.newContext();
        page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onPageError(e -> System.out.println("[browser error] " + e));
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static String checkoutOrigin() {
        return "http://localhost:" + RestAssured.port;
    }

    /** The merchant's shop page: loads checkout.js with its integrity hash and records every callback. */
    private static String shopPage(CheckoutFixtures.Shop shop, String orderId) {
        String integrity = RestAssured.get("/v1/checkout.json").then().statusCode(200).extract().path("integrity");
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Merchant shop</title></head>
                <body><main><h1>Merchant shop</h1><button id="buy" type="button">Buy</button></main>
                <script src="%s/v1/checkout.js" integrity="%s" crossorigin="anonymous"></script>
                <script>
                  window.calls = [];
                  window.foreign = 0;
                  window.addEventListener('message', function (e) {
                    if (e.data && e.data.probe === 'foreign') { window.foreign++; }
                  });
                  document.getElementById('buy').addEventListener('click', function () {
                    window.checkout = new PaymentGateway({
                      key: '%s', orderId: '%s',
                      prefill: { name: 'Ada Lovelace', email: 'ada@example.com', contact: '+15555550100' },
                      theme: { color: '#0a7cff' }, locale: 'auto',
                      onSuccess: function (r) { window.calls.push({ name: 'onSuccess', data: r }); },
                      onFailure: function (r) { window.calls.push({ name: 'onFailure', data: r }); },
                      onClose: function () { window.calls.push({ name: 'onClose' }); }
                    });
                    ['ready', 'submit', 'processing', 'requires_action', 'success', 'failure', 'dismiss'].forEach(function (n) {
                      window.checkout.on(n, function () { window.calls.push({ name: 'event:' + n }); });
                    });
                    window.checkout.open();
                  });
                </script></body></html>
                """.formatted(checkoutOrigin(), integrity, shop.publishableKey(), orderId);
    }

    private FrameLocator openCheckout(CheckoutFixtures.Shop shop, String orderId, String path) {
        site.page(path, shopPage(shop, orderId));
        page.navigate(site.origin("127.0.0.1") + path);
        page.locator("#buy").click();
        waitForCall("event:ready");
        return page.frameLocator("iframe[title=Checkout]");
    }

    private static void fillCard(FrameLocator frame, String number) {
        frame.locator("#cc-number").fill(number);
        frame.locator("#cc-exp").fill("12/34");
        frame.locator("#cc-csc").fill("123");
        frame.locator("#pay-button").click();
    }

    private void waitForCall(String name) {
        page.waitForFunction("n => window.calls && window.calls.some(c => c.name === n)", name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String name) {
        List<Map<String, Object>> calls = (List<Map<String, Object>>) page.evaluate("() => window.calls");
        return calls.stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    private long count(String name) {
        return ((Number) page.evaluate("n => window.calls.filter(c => c.name === n).length", name)).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void onSuccessCarriesASignatureTheMerchantVerifies() throws Exception {
        var shop = CheckoutFixtures.shop(site.origin("127.0.0.1"));
        String order = shop.order(2599, "USD");
        FrameLocator frame = openCheckout(shop, order, "/success");
        assertThat(frame.locator("#cc-name")).hasValue("Ada Lovelace");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/checkout-embedded.png")));
        fillCard(frame, "4242424242424242");
        waitForCall("onSuccess");
        Map<String, Object> result = (Map<String, Object>) call("onSuccess").get("data");
        String paymentId = (String) result.get("payment_id");
        assertEquals(order, result.get("order_id"));
        assertEquals(CheckoutFixtures.expectedSignature(shop.webhookSecret(), order, paymentId), result.get("signature"));
        // the callback is a hint: the merchant's server reads the payment
        JsonPath payment = shop.payment(paymentId);
        assertEquals("captured", payment.getString("status"));
        assertEquals("ada@example.com", payment.getString("metadata.customer_email"), "prefill reaches the payment");
        for (String event : List.of("event:submit", "event:processing", "event:success")) {
            assertTrue(count(event) >= 1, event);
        }
        page.locator("button[aria-label='Close checkout']").click();
        waitForCall("onClose");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCallbackArrivesAfterTheCheckoutReloadsInsideItsFrame() throws Exception {
        var shop = CheckoutFixtures.shop(site.origin("127.0.0.1"));
        String order = shop.order(1500, "USD");
        FrameLocator frame = openCheckout(shop, order, "/reload");
        fillCard(frame, "4000002500003155");
        waitForCall("event:requires_action");
        assertThat(frame.locator("#challenge-frame")).isVisible();
        // the page inside the iframe reloads (a webview, an app switch that discarded it)
        Frame checkout = page.frames().stream().filter(f -> f.url().contains("/checkout?")).findFirst().orElseThrow();
        checkout.navigate(checkout.url());
        assertThat(frame.locator("#challenge-frame")).isVisible();
        frame.frameLocator("#challenge-frame").locator("#approve").click();
        waitForCall("onSuccess");
        Map<String, Object> result = (Map<String, Object>) call("onSuccess").get("data");
        assertEquals(CheckoutFixtures.expectedSignature(shop.webhookSecret(), order, (String) result.get("payment_id")),
                result.get("signature"));
        assertEquals(1, count("onSuccess"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void onFailureAndOnClose() {
        var shop = CheckoutFixtures.shop(site.origin("127.0.0.1"));
        String order = shop.order(700, "USD");
        FrameLocator frame = openCheckout(shop, order, "/failure");
        fillCard(frame, "4000000000000002");
        waitForCall("onFailure");
        Map<String, Object> failure = (Map<String, Object>) call("onFailure").get("data");
        assertEquals("generic_decline", failure.get("code"));
        assertEquals("Your card was declined.", failure.get("description"));
        assertTrue(String.valueOf(failure.get("payment_id")).startsWith("pay_"));
        assertThat(frame.locator("#retry-button")).isVisible();
        // the modal traps the focus: Tab and Shift+Tab never reach the merchant's page behind it
        page.locator("button[aria-label='Close checkout']").focus();
        page.keyboard().press("Shift+Tab");
        assertEquals("IFRAME", page.evaluate("() => document.activeElement.tagName"));
        for (int i = 0; i < 8; i++) {
            page.keyboard().press("Tab");
            // Tab into the iframe crosses processes: Chromium leaves the body focused for a moment
            // before the frame takes it. Wait for focus to land; a leak lands on the merchant's page.
            page.waitForFunction("() => document.activeElement !== document.body");
            Object inside = page.evaluate("() => !!document.activeElement.closest('[role=dialog]')");
            assertEquals(Boolean.TRUE, inside, "Tab " + (i + 1) + " left the dialog");
        }
        page.keyboard().press("Escape");
        waitForCall("onClose");
        assertTrue(count("event:dismiss") == 1);
        assertEquals(0, page.locator("iframe[title=Checkout]").count());
        assertEquals("buy", page.evaluate("() => document.activeElement.id"), "focus returns to the opener");
    }

    @Test
    void aMessageFromAForeignOriginIsIgnored() {
        var shop = CheckoutFixtures.shop(site.origin("127.0.0.1"));
        String order = shop.order(900, "USD");
        // a frame of another origin (localhost:<port> is not 127.0.0.1:<port>) forges the checkout's messages
        site.page("/forger", """
                <!doctype html><html lang="en"><head><title>forger</title></head><body><script>
                  var forged = { source: 'payrail-checkout', type: 'success',
                    data: { payment_id: 'pay_forged00000000', order_id: '%s', signature: 'forged' } };
                  parent.postMessage(forged, '*');
                  parent.postMessage({ source: 'payrail-checkout', type: 'failure', data: { code: 'forged' } }, '*');
                  parent.postMessage({ source: 'payrail-checkout', type: 'close_requested' }, '*');
                  parent.postMessage({ probe: 'foreign' }, '*');
                </script></body></html>
                """.formatted(order));
        openCheckout(shop, order, "/foreign");
        page.evaluate("src => { const f = document.createElement('iframe'); f.src = src; f.title = 'forger';"
                + " document.body.appendChild(f); }", site.origin("localhost") + "/forger");
        page.waitForFunction("() => window.foreign === 1");
        // the merchant page itself (its own origin, not the checkout's iframe) cannot forge either
        // (messages of one window arrive in order: once its probe is in, the forged message was handled)
        page.evaluate("() => { window.postMessage({ source: 'payrail-checkout', type: 'success', data: {} }, '*');"
                + " window.postMessage({ probe: 'foreign' }, '*'); }");
        page.waitForFunction("() => window.foreign === 2");
        assertEquals(0, count("onSuccess"));
        assertEquals(0, count("onFailure"));
        assertEquals(0, count("onClose"));
        assertEquals(1, page.locator("iframe[title=Checkout]").count(), "still open");
    }

    @Test
    void anOriginTheMerchantDidNotAllowCannotFrameTheCheckout() {
        var shop = CheckoutFixtures.shop(site.origin("127.0.0.1"));
        String order = shop.order(900, "USD");
        String frameHtml = """
                <!doctype html><html lang="en"><head><title>framer</title></head><body>
                <iframe title="framed" src="%s/checkout?order_id=%s"></iframe></body></html>
                """.formatted(checkoutOrigin(), order);
        site.page("/framer", frameHtml);
        // allowed: the checkout renders in the frame
        page.navigate(site.origin("127.0.0.1") + "/framer");
        assertThat(page.frameLocator("iframe[title=framed]").locator("#pay-button")).isVisible();
        // not allowed (another origin): Chromium refuses to render it (frame-ancestors)
        Page other = context.newPage();
        other.navigate(site.origin("localhost") + "/framer");
        // Chromium answers a refused frame with its error page: wait for that, not for a time
        other.waitForCondition(() -> other.frames().stream()
                .anyMatch(f -> f != other.mainFrame() && f.url().startsWith("chrome-error://")));
        Frame framed = other.frames().stream().filter(f -> f != other.mainFrame()).findFirst().orElseThrow();
        assertFalse(framed.url().startsWith(checkoutOrigin()), "the frame kept the checkout's address");
        assertEquals(0, framed.locator("#pay-button").count(), "the checkout rendered inside a page of a non-allowed origin");
        assertEquals(0, framed.locator("#checkout").count());
    }
}
