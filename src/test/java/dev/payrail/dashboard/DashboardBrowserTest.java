package dev.payrail.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.payrail.checkout.Chromium;
import dev.payrail.dashboard.DashboardLogin.User;
import dev.payrail.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard in Debian's Chromium: the seeded admin signs in through the login form, sees the
 * TEST MODE banner and the admin's navigation, invites a viewer (a set-password link shown once); the
 * viewer follows the link, chooses a password, signs in with it and sees neither the team page link nor
 * the page itself; the link does not work a second time.
 */
@QuarkusTest
class DashboardBrowserTest {

    private static Chromium chromium;
    private BrowserContext context;
    private Page page;

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void quit() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void open() {
        context = chromium.browser.newContext();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private void signIn(String email, String password) {
        page.navigate(dashboard.toString());
        assertTrue(page.url().endsWith("/dashboard/login"), page.url());
        assertEquals("username", page.getAttribute("#email", "autocomplete"));
        assertEquals("current-password", page.getAttribute("#password", "autocomplete"));
        page.fill("#email", email);
        page.fill("#password", password);
        page.click("button[type=submit]");
        page.waitForURL("**/dashboard");
    }

    @Test
    void adminSignsInThroughTheFormAndInvitesAViewer() {
        signIn(DashboardLogin.SEED_ADMIN, Api.seedDashboardPassword());
        assertThat(page.locator("#test-mode-banner")).containsText("TEST MODE");
        assertThat(page.locator("#payments-today")).isVisible();
        assertThat(page.locator("nav a[href='/dashboard/audit']")).isVisible();
        page.click("nav a[href='/dashboard/team']");
        String email = "browser-viewer-" + System.nanoTime() + "@shop.example";
        page.fill("#invite-email", email);
        page.selectOption("#invite-role", "viewer");
        page.click("form[action='/dashboard/team/invite'] button");
        assertThat(page.locator("#invited")).containsText(email);
        String link = page.locator("#password-link").textContent().trim();
        assertTrue(link.matches("http://[^/]+/dashboard/login/set-password\\?token=[A-Za-z0-9_-]{43}"), link);
        page.click("nav a[href='/dashboard/audit']");
        assertThat(page.locator("#audit")).containsText("dashboard.user_invited");
        page.click("header form[action='/dashboard/logout'] button");
        page.waitForURL("**/dashboard/login");

        context.clearCookies();
        page.navigate(link);
        assertThat(page.locator("#link-email")).hasText(email);
        assertEquals("new-password", page.getAttribute("#new-password", "autocomplete"));
        String password = "viewer passphrase " + System.nanoTime();
        page.fill("#new-password", password);
        page.fill("#password-confirm", password);
        page.click("#set-password-form button[type=submit]");
        page.waitForURL("**/dashboard/login?done=password_set");
        assertThat(page.locator("#notice")).containsText("Your password is set");
        page.fill("#email", email);
        page.fill("#password", password);
        page.click("button[type=submit]");
        page.waitForURL("**/dashboard");
        assertThat(page.locator("nav a[href='/dashboard/team']")).hasCount(0);
        assertEquals(403, page.navigate(dashboard + "/team").status());
        assertEquals(404, page.navigate(link).status(), "the link works once");
    }

    @Test
    void wrongPasswordStaysOnTheFormWithAnError() {
        User u = DashboardLogin.create(DashboardLogin.seededMerchantId(), Role.VIEWER);
        page.navigate(dashboard + "/login");
        page.fill("#email", u.email());
        page.fill("#password", "not-" + u.password());
        page.click("button[type=submit]");
        assertThat(page.locator("p.error")).containsText("Wrong email or password");
        assertEquals(u.email(), page.inputValue("#email"));
    }
}
