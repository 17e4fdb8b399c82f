package dev.payrail.checkout;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.payrail.sandbox.razorpay.RazorpaySandbox;
import dev.payrail.sandbox.razorpay.RazorpaySandboxWebhooks;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;

/**
 * The hosted checkout page in Debian's Chromium: a customer pays with a success card, a declined
 * card (then retries), a card that needs the challenge (answered in the frame inside the page, after
 * a reload), and UPI (at once, and as a collect request that waits for the payer's app); pays with the keyboard only; the page has no serious or critical axe-core
 * violations and speaks the customer's language.
 */
@QuarkusTest
class HostedCheckoutBrowserTest {

    private static Chromium chromium;
    @Inject
    RazorpaySandbox razorpay;
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void quit() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        CheckoutFixtures.assertNoCardNumberLogged();
    }

    @BeforeEach
    void open() {
        context = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-US"));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onConsoleMessage(m -> System.out.println("[browser console] " + m.type() + ": " + m.text()));
        page.onPageError(e -> System.out.println("[browser error] " + e));
    }

    @AfterEach
    void close() {
        context.close();
    }

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    private static void fillCard(Page page, String number) {
        page.locator("#cc-name").fill("Ada Lovelace");
        page.locator("#cc-number").fill(number);
        page.locator("#cc-exp").fill("12/34");
        page.locator("#cc-csc").fill("123");
    }

    @Test
    void paysWithASuccessCard() {
        var shop = CheckoutFixtures.shop();
        String order = shop.order(1999, "USD");
        page.navigate(shop.pageUrl(base(), order));
        assertThat(page.locator("h1")).hasText(shop.api().get("/api/v1/merchant").path("name").toString());
        assertThat(page.locator("#amount")).hasText("$19.99");
        assertThat(page.locator(".test-banner")).containsText("4242 4242 4242 4242");
        assertThat(page.locator("#cc-number")).hasAttribute("autocomplete", "cc-number");
        assertThat(page.locator("#cc-number")).hasAttribute("inputmode", "numeric");
        assertThat(page.locator("#cc-exp")).hasAttribute("autocomplete", "cc-exp");
        assertThat(page.locator("#cc-csc")).hasAttribute("autocomplete", "cc-csc");
        assertThat(page.locator("#cc-name")).hasAttribute("autocomplete", "cc-name");
        assertThat(page.locator("#pay-button")).hasAttribute("type", "submit");

        // client-side checks first: a number failing Luhn never leaves the page
        fillCard(page, "4242 4242 4242 4241");
        page.locator("#pay-button").click();
        assertThat(page.locator("#cc-number-error")).isVisible();
        assertThat(page.locator("#cc-number")).hasAttribute("aria-invalid", "true");

        fillCard(page, "4242 4242 4242 4242");
        page.locator("#pay-button").click();
        assertThat(page.locator("[role=status]")).hasText("Payment successful");
        String paymentId = page.locator("#result-detail").textContent().replaceAll(".*(pay_\\w+).*", "$1");
        assertEquals("captured", shop.payment(paymentId).getString("status"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/checkout-success.png")));
    }

    @Test
    void aDeclinedCardFailsAndTheCustomerRetries() {
        var shop = CheckoutFixtures.shop();
        String order = shop.order(500, "EUR");
        page.navigate(shop.pageUrl(base(), order));
        fillCard(page, "4000 0000 0000 0002");
        page.locator("#pay-button").click();
        assertThat(page.locator("[role=status]")).containsText("Payment failed");
        assertThat(page.locator("#result-detail")).hasText("Your card was declined.");
        assertThat(page.locator("#retry-button")).isVisible();
        noSeriousViolations("failure state");

        page.locator("#retry-button").click();
        assertThat(page.locator("#pay-form")).isVisible();
        fillCard(page, "4242 4242 4242 4242");
        page.locator("#pay-button").click();
        assertThat(page.locator("[role=status]")).hasText("Payment successful");
    }

    @Test
    void aCardThatNeedsTheChallengeIsAnsweredInsideThePageEvenAfterAReload() {
        var shop = CheckoutFixtures.shop();
        String order = shop.order(4200, "USD");
        page.navigate(shop.pageUrl(base(), order));
        fillCard(page, "4000 0025 0000 3155");
        page.locator("#pay-button").click();
        assertThat(page.locator("#action-title")).hasText("Confirm the payment with your bank");
        assertThat(page.locator("#challenge-frame")).isVisible();

        // the customer reloads: the page finds the payment waiting and shows the challenge again
        page.reload();
        assertThat(page.locator("#challenge-frame")).isVisible();
        page.frameLocator("#challenge-frame").locator("#approve").click();
        assertThat(page.locator("[role=status]")).hasText("Payment successful");
        String paymentId = page.locator("#result-detail").textContent().replaceAll(".*(pay_\\w+).*", "$1");
        assertEquals("captured", shop.payment(paymentId).getString("status"));
    }

    @Test
    void paysWithUpi() {
        var shop = CheckoutFixtures.shop();
        String order = shop.order(49900, "INR");
        page.navigate(shop.pageUrl(base(), order));
        assertThat(page.locator("#amount")).hasText("₹499.00");
        page.getByLabel("UPI", new Page.GetByLabelOptions().setExact(true)).check();
        assertThat(page.locator("#upi-fields")).isVisible();
        assertThat(page.locator("input[name=vpa]")).isVisible();
        page.locator("input[name=vpa]").fill("not a vpa");
        page.locator("#pay-button").click();
        assertThat(page.locator("#vpa-error")).isVisible();
        page.locator("input[name=vpa]").fill("success@payrail");
        page.locator("#pay-button").click();
        assertThat(page.locator("[role=status]")).hasText("Payment successful");
        String paymentId = page.locator("#result-detail").textContent().replaceAll(".*(pay_\\w+).*", "$1");
        assertEquals("upi", shop.payment(paymentId).getString("method"));
    }

    @Test
    void aUpiCollectWaitsForThePayersAppThenSucceeds() {
        var shop = CheckoutFixtures.shop();
        shop.api().body("{\"enabled\":true,\"priority\":1}").patch("/api/v1/providers/razorpay").then().statusCode(200);
        String order = shop.order(25000, "INR");
        page.navigate(shop.pageUrl(base(), order));
        page.getByLabel("UPI", new Page.GetByLabelOptions().setExact(true)).check();
        page.locator("input[name=vpa]").fill("success@razorpay");
        page.locator("#pay-button").click();
        assertThat(page.locator("#action-title")).hasText("Approve the payment in your UPI app");
        assertThat(page.locator("#action-body code")).hasText("success@razorpay");
        assertThat(page.locator("[role=status]")).hasText("Approve the payment in your UPI app");

        // the payer approves in the UPI app; Razorpay's webhook reaches Payrail; the page, polling, sees it
        String reference = shop.api().get("/api/v1/orders/" + order + "/payments").then().statusCode(200)
                .extract().path("data[0].provider_reference");
        for (RazorpaySandboxWebhooks.Signed e : razorpay.payerActs(reference, null, true).events()) {
            RestAssured.given().contentType("application/json").header("X-Razorpay-Signature", e.signature())
                    .header("x-razorpay-event-id", e.eventId()).body(e.payload()).post("/webhooks/razorpay")
                    .then().statusCode(200);
        }
        assertThat(page.locator("[role=status]")).hasText("Payment successful");
    }

    /**
     * A QR wallet end to end: the shop takes Alipay, the page offers it for a CNY order, shows the
     * code Alipay's emulator made, and — once the payer has scanned it and paid on the payer page —
     * the page, polling, shows the success.
     */
    @Test
    void paysWithAQrWalletScannedOnTheProvidersPage() {
        var shop = CheckoutFixtures.shop();
        shop.api().body("{\"enabled\":true,\"priority\":1}").patch("/api/v1/providers/alipay").then().statusCode(200);
        String order = shop.order(8800, "CNY");
        page.navigate(shop.pageUrl(base(), order));
        assertThat(page.locator("#amount")).containsText("88.00");
        assertThat(page.getByLabel("Alipay", new Page.GetByLabelOptions().setExact(true))).isChecked();
        page.locator("#pay-button").click();
        assertThat(page.locator("#action-title")).hasText("Scan the QR code to pay");
        assertThat(page.locator("#action-body img.qr")).hasAttribute("alt", "QR code for the payment");
        String src = page.locator("#action-body img.qr").getAttribute("src");
        assertTrue(src.startsWith("data:image/svg+xml;base64,"), src);
        assertThat(page.locator("#action-body")).containsText("The code expires at");

        // the payer scans the code with Alipay's app and pays; Alipay's notify captures the payment
        String code = shop.api().get("/api/v1/orders/" + order + "/payments").then().statusCode(200)
                .extract().path("data[0].next_action.data");
        dev.payrail.connector.alipay.AlipayConnectorTest.payerActs(code, "pay");
        assertThat(page.locator("[role=status]")).hasText("Payment successful");
        String paymentId = page.locator("#result-detail").textContent().replaceAll(".*(pay_\\w+).*", "$1");
        assertEquals("captured", shop.payment(paymentId).getString("status"));
        assertEquals("alipay", shop.payment(paymentId).getString("provider"));
    }

    @Test
    void paysWithTheKeyboardOnly() {
        var shop = CheckoutFixtures.shop();
        String order = shop.order(1234, "USD");
        page.navigate(shop.pageUrl(base(), order));
        // focus order: name, number, expiry, security code, pay
        page.keyboard().press("Tab");
        assertEquals("cc-name", focusedId());
        page.keyboard().type("Grace Hopper");
        page.keyboard().press("Tab");
        assertEquals("cc-number", focusedId());
        page.keyboard().type("4242424242424242");
        page.keyboard().press("Tab");
        assertEquals("cc-exp", focusedId());
        page.keyboard().type("1234");
        page.keyboard().press("Tab");
        assertEquals("cc-csc", focusedId());
        page.keyboard().type("123");
        page.keyboard().press("Tab");
        assertEquals("pay-button", focusedId());
        // the focus is visible
        String outline = (String) page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle");
        assertEquals("solid", outline);
        page.keyboard().press("Enter");
        assertThat(page.locator("[role=status]")).hasText("Payment successful");
        assertEquals("result-title", focusedId(), "the result is focused for screen readers");
    }

    @Test
    void thePageHasNoSeriousAccessibilityViolationsAndSpeaksTheCustomersLanguage() {
        var shop = CheckoutFixtures.shop();
        String order = shop.order(49900, "INR");
        page.navigate(shop.pageUrl(base(), order));
        noSeriousViolations("hosted page");

        for (var lang : List.of(new String[] { "es", "Pagar" }, new String[] { "zh", "支付" },
                new String[] { "hi", "भुगतान" })) {
            page.navigate(shop.pageUrl(base(), order) + "&locale=" + lang[0]);
            assertThat(page.locator("#pay-button")).containsText(lang[1]);
            assertTrue(page.locator("html").getAttribute("lang").startsWith(lang[0]));
        }
        BrowserContext spanish = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("es-ES"));
        try {
            Page p = spanish.newPage();
            p.navigate(shop.pageUrl(base(), order));
            assertThat(p.locator("#pay-button")).containsText("Pagar");
            assertThat(p.locator("label[for=cc-number]")).hasText("Número de tarjeta");
        } finally {
            spanish.close();
        }
    }

    private String focusedId() {
        return (String) page.evaluate("() => document.activeElement && document.activeElement.id");
    }

    private void noSeriousViolations(String where) {
        AxeResults results = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"))
                .analyze();
        String serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp())
                .collect(Collectors.joining("\n"));
        assertTrue(serious.isEmpty(), where + ":\n" + serious);
    }
}
