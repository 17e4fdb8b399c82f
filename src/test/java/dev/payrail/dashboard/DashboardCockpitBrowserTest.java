package dev.payrail.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.payrail.checkout.Chromium;
import dev.payrail.dashboard.DashboardLogin.User;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * In Chromium: an operator of a test-mode merchant routed to the simulator opens the test-mode cockpit,
 * disputes a payment captured through the API, is told the payment is now disputed, and finds it so on
 * the payment's page.
 */
@QuarkusTest
class DashboardCockpitBrowserTest {

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @Test
    void operatorDisputesACapturedPaymentFromTheCockpit() {
        Providers.Merchant m = Providers.routingTo("simulator");
        String paymentId = m.api().body(Bodies.cardPayment(4200, "EUR", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).body("status", equalTo("captured")).extract().path("id");
        User operator = DashboardLogin.create(m.id(), Role.OPERATOR);
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(dashboard.toString());
            page.fill("#email", operator.email());
            page.fill("#password", operator.password());
            page.click("button[type=submit]");
            page.waitForURL("**/dashboard");

            page.click("nav a[href='/dashboard/test-mode']");
            assertThat(page.locator("#disputable-" + paymentId)).containsText("42.00 EUR");
            page.locator("#disputable-" + paymentId + " button.simulate-dispute").click();
            assertThat(page.locator("#simulated-status")).hasText("disputed");
            assertThat(page.locator("#simulated-dispute")).containsText("simdp_");
            assertThat(page.locator("#disputable-" + paymentId)).hasCount(0);

            page.click("#simulated a[href='/dashboard/payments/" + paymentId + "']");
            page.waitForURL("**/dashboard/payments/" + paymentId);
            assertThat(page.locator("main")).containsText("disputed");
        }
        m.api().get("/api/v1/payments/" + paymentId).then().body("status", equalTo("disputed"));
    }
}
